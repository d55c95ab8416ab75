/**
 * classic: serif (Latin Modern Roman), centred name over a contact line, small-caps-free section titles
 * with a full-width rule, bold employer with the dates flush right, italic title below, tight bullets.
 */
import { type Tex, joinTex, rawTex, tex, texLines } from '../latex/tex';
import { type EntryView, type ResolvedOptions, type TemplateDesign, sharedPreamble } from './template-design';

const SEP = rawTex('\\ressep{}');
const COMMA = rawTex(', ');

export const classicTemplate: TemplateDesign = {
  info: {
    id: 'classic',
    name: 'Classic',
    description:
      'Serif, dense and plain: centred name and contact line, ruled section titles, bold employer with dates flush right.',
    version: '1.0.1',
    options: { paper: ['letter', 'a4'], showEvidence: true },
  },

  preamble(options: ResolvedOptions): Tex {
    const margins =
      options.paper === 'a4' ? rawTex('hmargin=16mm,vmargin=14mm') : rawTex('hmargin=0.65in,vmargin=0.55in');
    return tex`\documentclass[10pt]{article}
${sharedPreamble(options, margins)}\setlist[resbullets]{label=\textbullet,leftmargin=1.4em,labelsep=0.5em,topsep=1.5pt,itemsep=0.6pt,parsep=0pt,partopsep=0pt,beginpenalty=10000}
\newcommand{\ressep}{\unskip\discretionary{}{}{\hbox{\enspace\textbar\enspace}}\ignorespaces}
\newcommand{\ressection}[1]{\par\addvspace{10pt}{\large\bfseries #1\par}\nobreak\vspace{1.5pt}\nobreak\hrule height 0.5pt\nobreak\vspace{4pt}\nobreak}
\newcommand{\resentry}{\par\addvspace{5pt}}
`;
  },

  header(view) {
    return tex`{\centering
{\fontsize{21pt}{25pt}\selectfont\bfseries ${view.name}\par}
${view.label ? tex`\vspace{3pt}{\large ${view.label}\par}` : rawTex('')}
${view.contacts.length > 0 ? tex`\vspace{4pt}{\small ${joinTex(view.contacts, SEP)}\par}` : rawTex('')}
}
\vspace{2pt}`;
  },

  section: (title) => tex`\ressection{${title}}`,

  paragraph: (text) => tex`${text}\par\addvspace{2pt}`,

  skills(groups) {
    return texLines(
      groups.map(
        (group) =>
          tex`{\hangindent=1.4em\hangafter=1 \textbf{${group.name}:} ${joinTex(group.items, COMMA)}\par}`,
      ),
    );
  },

  entry(view: EntryView) {
    const where = view.location ? tex`, ${view.location}` : rawTex('');
    const extras = joinTex(
      [
        view.tags ? tex`\textit{${view.tags}}` : undefined,
        view.link ? tex`{\small ${view.link}}` : undefined,
      ],
      SEP,
    );
    return texLines([
      rawTex('\\resentry'),
      tex`\resrow{\textbf{${view.org}}${where}${extras === '' ? rawTex('') : tex`\ressep{}${extras}`}}{${view.dates ?? rawTex('')}}`,
      view.role ? tex`\nobreak\textit{${view.role}}\par` : undefined,
      ...view.details.map((detail) => tex`\nobreak\vspace{1pt}{${detail}\par}`),
      bulletList(view.bullets),
    ]);
  },

  list(items) {
    return texLines(
      items.map(
        (item) =>
          tex`\resrow{\textbf{${item.title}}${item.rest ? tex`, ${item.rest}` : rawTex('')}}{${item.dates ?? rawTex('')}}`,
      ),
    );
  },

  inline: (items) => tex`${joinTex(items, SEP)}\par`,
};

export function bulletList(bullets: readonly Tex[]): Tex | undefined {
  if (bullets.length === 0) return undefined;
  return tex`\begin{resbullets}
${bullets.map(
  (bullet) => tex`\item ${bullet}
`,
)}\end{resbullets}`;
}
