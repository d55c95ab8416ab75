/**
 * `renderLatex(document, options)`: the complete .tex source of a resume in one of our templates.
 *
 * Every user string goes through `escapeLatex` (text) or `escapeUrl` (link targets) here, and only here;
 * the templates receive `Tex` views. Sections without content are left out. Order: header, Summary,
 * Skills, Experience, Projects, Education, Certifications, Languages, then Evidence when shown.
 */
import type { EvidenceRefDto, ResumeDocument } from '@app/resumes/document';

import { escapeLatex, escapeUrl } from '../latex/latex-escape';
import { type Tex, rawTex, tex, texLines } from '../latex/tex';
import { classicTemplate } from './classic.template';
import { compactTemplate } from './compact.template';
import { EvidenceNotes } from './evidence-notes';
import { modernTemplate } from './modern.template';
import { displayUrl, formatDateRange, formatLocation, formatResumeDate, present } from './resume-format';
import type {
  EntryView,
  HeaderView,
  RenderOptions,
  ResolvedOptions,
  TemplateDesign,
  TemplateId,
  TemplateInfo,
} from './template-design';

const DESIGNS: Record<TemplateId, TemplateDesign> = {
  classic: classicTemplate,
  modern: modernTemplate,
  compact: compactTemplate,
};

export const TEMPLATES: readonly TemplateInfo[] = Object.values(DESIGNS).map((design) => design.info);

export class RenderOptionsError extends Error {
  readonly code = 'INVALID_RENDER_OPTIONS';
}

const HEX_COLOR = /^#[0-9A-Fa-f]{6}$/;
const DEFAULT_ACCENT = '#1F4E79';

/**
 * Checks the options (template, paper, accent colour); throws RenderOptionsError naming the bad one. The result
 * is canonical, so equal renders have equal options (usable in a cache key): `showEvidence` is a boolean, and
 * `accentColor` is lower-cased, or left out for a template that has no accent colour (which then gets the same
 * `accentHex` whatever was asked).
 */
export function resolveRenderOptions(options: RenderOptions): ResolvedOptions {
  const design = Object.hasOwn(DESIGNS, options.template) ? DESIGNS[options.template] : undefined;
  if (!design) throw new RenderOptionsError(`Unknown template "${String(options.template)}"`);
  if (!design.info.options.paper.includes(options.paper)) {
    throw new RenderOptionsError(`Unsupported paper "${String(options.paper)}"`);
  }
  if (options.accentColor !== undefined && !HEX_COLOR.test(options.accentColor)) {
    throw new RenderOptionsError('accentColor must be a hex colour like #1F4E79');
  }
  const { accentColor, ...rest } = options;
  const used = design.info.options.accentColor === undefined ? undefined : accentColor?.toLowerCase();
  const accent = used ?? design.info.options.accentColor?.default ?? DEFAULT_ACCENT;
  return {
    ...rest,
    ...(used === undefined ? {} : { accentColor: used }),
    showEvidence: options.showEvidence === true,
    accentHex: accent.slice(1).toUpperCase(),
  };
}

export function renderLatex(document: ResumeDocument, options: RenderOptions): string {
  const resolved = resolveRenderOptions(options);
  const design = DESIGNS[resolved.template];
  const notes = new EvidenceNotes(resolved.showEvidence);
  const mark = (refs: readonly EvidenceRefDto[] | undefined) => notes.marker(refs);
  const body: (Tex | undefined)[] = [design.header(headerView(document))];

  const section = (title: string, content: Tex | undefined) => {
    if (content !== undefined && content !== '') body.push(design.section(rawTex(title)), content);
  };

  if (present(document.summary)) {
    section('Summary', texLines(paragraphs(document.summary).map((p) => design.paragraph(p))));
  }

  const groups = document.skills
    .map((group) => ({
      name: text(present(group.level) ? `${group.name} (${group.level})` : group.name),
      items: group.items
        .map((item) => ({ name: text(item.name), evidence: item.evidence }))
        .filter((item) => item.name !== '')
        .map((item) => tex`${item.name}${mark(item.evidence)}`),
    }))
    .filter((group) => group.items.length > 0);
  if (groups.length > 0) section('Skills', design.skills(groups));

  const entries = (views: EntryView[]) => texLines(views.map((view) => design.entry(view)));

  section(
    'Experience',
    document.experience.length === 0
      ? undefined
      : entries(
          document.experience.map((e) => ({
            kind: 'experience',
            org: linked(e.url, text(e.company)),
            role: optionalText(e.position),
            location: optionalText(e.location),
            dates: optionalText(formatDateRange(e.startDate, e.endDate)),
            details: present(e.summary) ? paragraphs(e.summary) : [],
            bullets: bullets(e.bullets, mark),
          })),
        ),
  );

  section(
    'Projects',
    document.projects.length === 0
      ? undefined
      : entries(
          document.projects.map((p) => ({
            kind: 'project',
            org: tex`${linked(p.url, text(p.name))}${mark(p.evidence)}`,
            role: p.roles && p.roles.length > 0 ? text(p.roles.join(', ')) : undefined,
            dates: optionalText(formatDateRange(p.startDate, p.endDate)),
            link: present(p.url) ? linked(p.url, text(displayUrl(p.url))) : undefined,
            tags: p.keywords && p.keywords.length > 0 ? text(p.keywords.join(', ')) : undefined,
            details: present(p.description) ? paragraphs(p.description) : [],
            bullets: bullets(p.bullets, mark),
          })),
        ),
  );

  section(
    'Education',
    document.education.length === 0
      ? undefined
      : entries(
          document.education.map((e) => {
            const details: Tex[] = [];
            if (present(e.score)) details.push(text(`Grade: ${e.score}`));
            if (e.courses && e.courses.length > 0) details.push(text(`Courses: ${e.courses.join(', ')}`));
            return {
              kind: 'education',
              org: tex`${linked(e.url, text(e.institution))}${mark(e.evidence)}`,
              role: optionalText([e.studyType, e.area].filter(present).join(', ')),
              dates: optionalText(formatDateRange(e.startDate, e.endDate)),
              details,
              bullets: [],
            };
          }),
        ),
  );

  if (document.certifications.length > 0) {
    section(
      'Certifications',
      design.list(
        document.certifications.map((c) => ({
          title: tex`${linked(c.url, text(c.name))}${mark(c.evidence)}`,
          rest: optionalText(c.issuer),
          dates: present(c.date) ? text(formatResumeDate(c.date)) : undefined,
        })),
      ),
    );
  }

  if (document.languages.length > 0) {
    section(
      'Languages',
      design.inline(
        document.languages.map((l) => text(present(l.fluency) ? `${l.language} (${l.fluency})` : l.language)),
      ),
    );
  }

  const evidence = notes.list();
  if (evidence.length > 0) {
    section(
      'Evidence',
      tex`{\footnotesize
\begin{list}{}{\setlength{\leftmargin}{2.2em}\setlength{\labelwidth}{1.8em}\setlength{\labelsep}{0.4em}\setlength{\itemsep}{0pt}\setlength{\parsep}{0pt}\setlength{\topsep}{0pt}}
${evidence.map(
  (
    note,
  ) => tex`\item[\hypertarget{${note.anchor}}{}${note.number}.] ${note.label}${note.link ? tex` \textendash{} ${note.link}` : rawTex('')}
`,
)}\end{list}}
`,
    );
  }

  const name = escapeLatex(document.basics.name.slice(0, 200), { breakLongWords: false });
  return texLines([
    design.preamble(resolved),
    tex`\hypersetup{pdftitle={${name}}, pdfauthor={${name}}, pdfsubject={Resume}}`,
    rawTex('\\begin{document}'),
    ...body,
    rawTex('\\end{document}'),
  ]);
}

function headerView(document: ResumeDocument): HeaderView {
  const b = document.basics;
  const contacts: Tex[] = [];
  const location = formatLocation(b.location);
  if (location !== undefined) contacts.push(text(location));
  if (present(b.email)) contacts.push(linked(`mailto:${b.email.trim()}`, text(b.email)));
  if (present(b.phone)) contacts.push(text(b.phone));
  if (present(b.url)) contacts.push(linked(b.url, text(displayUrl(b.url))));
  for (const p of b.profiles ?? []) {
    if (present(p.url)) contacts.push(linked(p.url, text(displayUrl(p.url))));
    else contacts.push(text(present(p.username) ? `${p.network}: ${p.username}` : p.network));
  }
  // Short items are kept on one line (the line breaks between items, at a separator).
  const unbroken = contacts.filter((c) => c !== '').map((c) => (c.length <= 160 ? tex`\mbox{${c}}` : c));
  return { name: text(b.name), label: optionalText(b.label), contacts: unbroken };
}

function text(value: string): Tex {
  return escapeLatex(value);
}

function optionalText(value: string | undefined): Tex | undefined {
  if (!present(value)) return undefined;
  const escaped = escapeLatex(value);
  return escaped === '' ? undefined : escaped;
}

/** `\href{url}{content}` when the URL is a safe http(s)/mailto link, else the content alone. */
function linked(url: string | undefined, content: Tex): Tex {
  const target = present(url) ? escapeUrl(url) : undefined;
  return target === undefined || content === '' ? content : tex`\href{${target}}{${content}}`;
}

/** Paragraphs split at blank lines, escaped (a paragraph that escapes to nothing is left out). */
function paragraphs(value: string): Tex[] {
  return value
    .split(/\n\s*\n/)
    .map((paragraph) => escapeLatex(paragraph))
    .filter((paragraph) => paragraph !== '');
}

function bullets(
  items: readonly { text: string; evidence?: EvidenceRefDto[] }[],
  mark: (refs: readonly EvidenceRefDto[] | undefined) => Tex,
): Tex[] {
  return items
    .map((item) => ({ body: escapeLatex(item.text), evidence: item.evidence }))
    .filter((item) => item.body !== '')
    .map((item) => tex`${item.body}${mark(item.evidence)}`);
}
