/**
 * compact: as much as fits on a page. 9 pt serif on narrow margins, name and label on one line, one
 * heading line per entry (role, organisation, place; dates flush right), bold run-in skill groups,
 * thin rules, tight lists.
 */
import { type Tex, joinTex, rawTex, tex, texLines } from '../latex/tex';
import { bulletList } from './classic.template';
import { type EntryView, type ResolvedOptions, type TemplateDesign, sharedPreamble } from './template-design';

const SEP = rawTex('\\ressep{}');
const COMMA = rawTex(', ');
const NONE = rawTex('');

export const compactTemplate: TemplateDesign = {
  info: {
    id: 'compact',
    name: 'Compact',
    description:
      'Maximum content per page: 9 pt type, narrow margins, one heading line per entry, tight lists.',
    version: '1.0.1',
    options: { paper: ['letter', 'a4'], showEvidence: true },
  },

  preamble(options: ResolvedOptions): Tex {
    const margins =
      options.paper === 'a4' ? rawTex('hmargin=12mm,vmargin=11mm') : rawTex('hmargin=0.5in,vmargin=0.45in');
    return tex`\documentclass[10pt]{article}
${sharedPreamble(options, margins)}\AtBeginDocument{\small}
\setlist[resbullets]{label=\textbullet,leftmargin=1.1em,labelsep=0.4em,topsep=0.5pt,itemsep=0pt,parsep=0pt,partopsep=0pt,beginpenalty=10000}
\newcommand{\ressep}{\unskip\discretionary{}{}{\hbox{\enspace\textperiodcentered\enspace}}\ignorespaces}
\newcommand{\ressection}[1]{\par\addvspace{6pt}{\bfseries\MakeUppercase{#1}\par}\nobreak\vspace{1.5pt}\nobreak\hrule height 0.4pt\nobreak\vspace{2.5pt}\nobreak}
\newcommand{\resentry}{\par\addvspace{3pt}}
`;
  },

  header(view) {
    return tex`{\LARGE\bfseries ${view.name}}${view.label ? tex`\enspace{\large ${view.label}}` : NONE}\par
${view.contacts.length > 0 ? tex`\vspace{2pt}${joinTex(view.contacts, SEP)}\par` : NONE}`;
  },

  section: (title) => tex`\ressection{${title}}`,

  paragraph: (text) => tex`${text}\par`,

  skills(groups) {
    return texLines(
      groups.map(
        (group) =>
          tex`{\hangindent=1.1em\hangafter=1 \textbf{${group.name}:} ${joinTex(group.items, COMMA)}\par}`,
      ),
    );
  },

  entry(view: EntryView) {
    const heading =
      view.kind === 'project'
        ? joinTex(
            [
              tex`\textbf{${view.org}}`,
              view.role,
              view.tags ? tex`\textit{${view.tags}}` : undefined,
              view.link,
            ],
            SEP,
          )
        : joinTex(
            [view.role ? tex`\textbf{${view.role}}, ${view.org}` : tex`\textbf{${view.org}}`, view.location],
            SEP,
          );
    return texLines([
      rawTex('\\resentry'),
      tex`\resrow{${heading}}{${view.dates ?? NONE}}`,
      ...view.details.map((detail) => tex`\nobreak{${detail}\par}`),
      bulletList(view.bullets),
    ]);
  },

  list(items) {
    return texLines(
      items.map(
        (item) =>
          tex`\resrow{\textbf{${item.title}}${item.rest ? tex`, ${item.rest}` : NONE}}{${item.dates ?? NONE}}`,
      ),
    );
  },

  inline: (items) => tex`${joinTex(items, SEP)}\par`,
};
