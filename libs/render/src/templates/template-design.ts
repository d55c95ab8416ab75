/**
 * What a template is: its description, its preamble, and how it lays out each kind of block. The body
 * (resume-latex.ts) turns the document into escaped views and asks the design for the LaTeX of each; the
 * designs never see user strings that are not `Tex` already.
 */
import { type Tex, rawTex, tex } from '../latex/tex';

export const TEMPLATE_IDS = ['classic', 'modern', 'compact'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];
export const PAPER_SIZES = ['letter', 'a4'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

export interface RenderOptions {
  template: TemplateId;
  paper: PaperSize;
  /** Evidence references as superscript numbers linking to the evidence, listed at the end. */
  showEvidence: boolean;
  /** `#RRGGBB`; used by templates that have an accent colour (modern), validated for all. */
  accentColor?: string;
}

export interface TemplateInfo {
  id: TemplateId;
  name: string;
  description: string;
  /** Bumped on any change to the template or to the shared body/escaping: part of the compile cache key. */
  version: string;
  options: {
    paper: readonly PaperSize[];
    showEvidence: boolean;
    /** Present when the template has an accent colour; `default` is used when none is given. */
    accentColor?: { default: string };
  };
}

/** The header: name, label and contact items (each already linked where it is a link). */
export interface HeaderView {
  name: Tex;
  label?: Tex;
  contacts: Tex[];
}

/** An experience, project or education entry. */
export interface EntryView {
  kind: 'experience' | 'project' | 'education';
  /** Company, project name (linked when it has a URL) or institution. */
  org: Tex;
  /** Position, project roles or degree. */
  role?: Tex;
  location?: Tex;
  dates?: Tex;
  /** A printed link shown with the entry (project URL). */
  link?: Tex;
  /** Keywords (projects), comma-separated. */
  tags?: Tex;
  /** Paragraphs under the heading: summary, description, keywords, courses. */
  details: Tex[];
  bullets: Tex[];
}

export interface SkillGroupView {
  name: Tex;
  items: Tex[];
}

export interface ListItemView {
  title: Tex;
  rest?: Tex;
  dates?: Tex;
}

export interface ResolvedOptions extends RenderOptions {
  /** `RRGGBB` (no `#`), the given accent colour or the template's default. */
  accentHex: string;
}

export interface TemplateDesign {
  info: TemplateInfo;
  /** Class, font size, margins and the template's own macros (after the shared packages). */
  preamble(options: ResolvedOptions): Tex;
  header(view: HeaderView): Tex;
  /** Opens a section; `title` is ours (Experience, Skills...). */
  section(title: Tex): Tex;
  paragraph(text: Tex): Tex;
  skills(groups: SkillGroupView[]): Tex;
  entry(view: EntryView): Tex;
  /** Certifications: one line each. */
  list(items: ListItemView[]): Tex;
  /** Languages: one line. */
  inline(items: Tex[]): Tex;
}

/** Geometry paper names. */
export const PAPER: Record<PaperSize, Tex> = { letter: rawTex('letterpaper'), a4: rawTex('a4paper') };

/**
 * Packages and settings every template shares: searchable, extractable text (T1, Latin Modern,
 * glyph-to-Unicode maps), real links, reproducible output, ragged right without hyphenation (so words
 * are never split in what an ATS reads), and the `\resrow{left}{right}` macro: right part flush right on
 * the same line when it fits, else on the next line, flush right (The TeXbook, ch. 14).
 */
export function sharedPreamble(options: ResolvedOptions, margins: Tex): Tex {
  return tex`\pdfgentounicode=1
\input{glyphtounicode}
\pdfinfoomitdate=1
\pdftrailerid{}
\pdfsuppressptexinfo=-1
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{lmodern}
\usepackage[${PAPER[options.paper]},${margins}]{geometry}
\usepackage{xcolor}
\usepackage{enumitem}
\usepackage[hidelinks,bookmarks=false,pdfcreator={LLMployable},pdfproducer={LLMployable}]{hyperref}
\definecolor{accent}{HTML}{${rawTex(options.accentHex)}}
\pagestyle{empty}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0pt}
\frenchspacing
\raggedright
\hyphenpenalty=10000
\uchyph=0
\emergencystretch=2em
\clubpenalty=10000
\widowpenalty=10000
\newcommand{\resrow}[2]{{\rightskip=0pt\parfillskip=0pt\relax #1\unskip\nobreak\hfil\penalty50\hskip1.5em\hbox{}\nobreak\hfill\mbox{#2}\par}}
\newcommand{\evmark}[1]{\,\textsuperscript{#1}}
\newlist{resbullets}{itemize}{1}
`;
}
