/**
 * modern: sans-serif (Latin Modern Sans), left-aligned name in the accent colour, uppercase section
 * titles followed by a light accent rule, title-first entries (role bold, then one meta line:
 * organisation in the accent colour, place and dates muted; dates inline rather than flush right, so
 * every extraction mode reads them right after their entry), skill groups with a hanging label.
 */
import { type Tex, joinTex, rawTex, tex, texLines } from '../latex/tex';
import { bulletList } from './classic.template';
import { type EntryView, type ResolvedOptions, type TemplateDesign, sharedPreamble } from './template-design';

const SEP = rawTex('\\ressep{}');
const COMMA = rawTex(', ');
const NONE = rawTex('');

export const modernTemplate: TemplateDesign = {
  info: {
    id: 'modern',
    name: 'Modern',
    description:
      'Sans-serif with an accent colour: bold name, uppercase section titles with a rule, role-first entries, muted dates.',
    version: '1.0.1',
    options: { paper: ['letter', 'a4'], showEvidence: true, accentColor: { default: '#1F4E79' } },
  },

  preamble(options: ResolvedOptions): Tex {
    const margins =
      options.paper === 'a4' ? rawTex('hmargin=17mm,vmargin=15mm') : rawTex('hmargin=0.7in,vmargin=0.6in');
    return tex`\documentclass[10pt]{article}
${sharedPreamble(options, margins)}\renewcommand{\familydefault}{\sfdefault}
\definecolor{muted}{HTML}{555555}
\setlist[resbullets]{label={\color{accent}\textbullet},leftmargin=1.3em,labelsep=0.5em,topsep=2pt,itemsep=1pt,parsep=0pt,partopsep=0pt,beginpenalty=10000}
\newcommand{\ressep}{\unskip\discretionary{}{}{\hbox{\enspace{\color{accent}\textbullet}\enspace}}\ignorespaces}
\newcommand{\ressection}[1]{\par\addvspace{11pt}{\color{accent}\bfseries\large\MakeUppercase{#1}\enspace{\color{accent!30}\leaders\vrule height 0.62ex depth -0.42ex\hfill}\par}\nobreak\vspace{4pt}\nobreak}
\newcommand{\resentry}{\par\addvspace{6pt}}
\newlength{\reslabel}
\setlength{\reslabel}{10em}
\newcommand{\skillrow}[2]{{\hangindent=\reslabel\hangafter=1\sbox0{\bfseries #1}\ifdim\wd0>\dimexpr\reslabel-0.8em\relax\usebox0\enspace\else\makebox[\reslabel][l]{\usebox0}\fi #2\par}\vspace{1pt}}
`;
  },

  header(view) {
    return tex`{\fontsize{24pt}{28pt}\selectfont\bfseries\color{accent}${view.name}\par}
${view.label ? tex`\vspace{3pt}{\large\color{muted}${view.label}\par}` : NONE}
${view.contacts.length > 0 ? tex`\vspace{5pt}{\small\color{muted}${joinTex(view.contacts, SEP)}\par}` : NONE}
\vspace{6pt}{\color{accent}\hrule height 1.2pt}
\vspace{2pt}`;
  },

  section: (title) => tex`\ressection{${title}}`,

  paragraph: (text) => tex`${text}\par\addvspace{2pt}`,

  skills(groups) {
    return texLines(groups.map((group) => tex`\skillrow{${group.name}}{${joinTex(group.items, COMMA)}}`));
  },

  entry(view: EntryView) {
    const muted = (content: Tex) => tex`{\color{muted}${content}}`;
    const roleFirst = view.kind !== 'project' && view.role !== undefined;
    const meta = joinTex(
      [
        roleFirst ? tex`{\color{accent}${view.org}}` : view.role,
        view.location ? muted(view.location) : undefined,
        view.dates ? muted(view.dates) : undefined,
        view.link ? muted(view.link) : undefined,
      ],
      SEP,
    );
    return texLines([
      rawTex('\\resentry'),
      tex`{\bfseries ${roleFirst && view.role ? view.role : view.org}\par}`,
      meta !== '' ? tex`\nobreak\vspace{1pt}{\small ${meta}\par}` : undefined,
      view.tags ? tex`\nobreak{\small\itshape\color{muted}${view.tags}\par}` : undefined,
      ...view.details.map((detail) => tex`\nobreak\vspace{1.5pt}{${detail}\par}`),
      bulletList(view.bullets),
    ]);
  },

  list(items) {
    return texLines(
      items.map(
        (item) =>
          tex`{\hangindent=1em\hangafter=1 ${joinTex(
            [
              tex`\textbf{${item.title}}`,
              item.rest ? tex`{\color{muted}${item.rest}}` : undefined,
              item.dates ? tex`{\color{muted}${item.dates}}` : undefined,
            ],
            SEP,
          )}\par}\vspace{1pt}`,
      ),
    );
  },

  inline: (items) => tex`${joinTex(items, SEP)}\par`,
};
