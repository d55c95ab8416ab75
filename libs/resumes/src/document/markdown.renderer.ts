/**
 * Markdown rendering of a resume document: deterministic (same document, same bytes), one block per fact
 * so the unified diff of two versions stays readable, and safe: every user string is escaped so it can
 * never add structure (headings, lists, links, emphasis, HTML, code) to the rendering.
 *
 * Layout (sections without content are left out; blocks are separated by one blank line; the text ends
 * with one newline):
 *
 *   # Name
 *   Label
 *   Location · email · phone · <url>
 *   - Network: username <url>                       (one line per profile)
 *   ## Summary                  paragraphs
 *   ## Skills                   - **Group** (level): item, item
 *   ## Experience               ### Position — Company / Location · 2021-03 – present · <url> / summary / - bullets
 *   ## Projects                 ### Name / dates · Roles: … · <url> / description / Keywords: … / - bullets
 *   ## Education                ### Institution / Degree in Area · dates · Score: … · <url> / Courses: …
 *   ## Certifications           - **Name** — Issuer · date · <url>
 *   ## Languages                - Language: fluency
 *
 * Dates are shown as stored, ranges as `start – end`, `start – present` without an end. Evidence is not
 * shown: the Markdown is the human-readable resume; evidence lives in the JSON document and its diff.
 *
 * Escaping: whitespace (newlines included) is collapsed to single spaces inside a paragraph or line, so
 * text cannot start a new block (paragraphs of a summary or description are kept apart at blank lines);
 * `\` `` ` `` `*` `_` `[` `]` `<` `~` are backslash-escaped everywhere, `&` when it would start a character
 * reference, `#` at the start of a word; at the start of a block also `-` `+` `=` `>` and `1.`/`1)`.
 * URLs are shown as autolinks (`<https://…>`) only when they are plain http(s) URLs, and e-mail addresses
 * as `<a@b.c>` only when they have the plain autolink form; anything else is shown as escaped text.
 */
import type { ResumeDocument } from './resume-document.dto';

const SEP = ' · ';
const DASH = ' – ';

export function toMarkdown(doc: ResumeDocument): string {
  const blocks: string[] = [];
  const b = doc.basics;

  blocks.push(`# ${inline(b.name)}`);
  if (present(b.label)) blocks.push(block(inline(b.label)));
  const location = b.location ? formatLocation(b.location) : undefined;
  const contact = joinParts([
    location === undefined ? undefined : inline(location),
    present(b.email) ? email(b.email) : undefined,
    present(b.phone) ? inline(b.phone) : undefined,
    present(b.url) ? link(b.url) : undefined,
  ]);
  if (contact) blocks.push(block(contact));
  if (b.profiles && b.profiles.length > 0) {
    blocks.push(
      list(
        b.profiles.map((p) => {
          const rest = [present(p.username) ? inline(p.username) : '', present(p.url) ? link(p.url) : '']
            .filter((part) => part !== '')
            .join(' ');
          return rest === '' ? inline(p.network) : `${inline(p.network)}: ${rest}`;
        }),
      ),
    );
  }

  if (present(doc.summary)) {
    blocks.push('## Summary', ...paragraphs(doc.summary));
  }

  if (doc.skills.length > 0) {
    blocks.push(
      '## Skills',
      list(
        doc.skills.map((group) => {
          const head = `**${inline(group.name)}**${present(group.level) ? ` (${inline(group.level)})` : ''}`;
          const items = group.items.map((item) => inline(item.name)).join(', ');
          return items === '' ? head : `${head}: ${items}`;
        }),
      ),
    );
  }

  if (doc.experience.length > 0) {
    blocks.push('## Experience');
    for (const e of doc.experience) {
      const title = present(e.position) ? `${inline(e.position)} — ${inline(e.company)}` : inline(e.company);
      blocks.push(`### ${title}`);
      const meta = joinParts([
        present(e.location) ? inline(e.location) : undefined,
        dateRange(e.startDate, e.endDate),
        present(e.url) ? link(e.url) : undefined,
      ]);
      if (meta) blocks.push(block(meta));
      if (present(e.summary)) blocks.push(...paragraphs(e.summary));
      if (e.bullets.length > 0) blocks.push(list(e.bullets.map((bullet) => inline(bullet.text))));
    }
  }

  if (doc.projects.length > 0) {
    blocks.push('## Projects');
    for (const p of doc.projects) {
      blocks.push(`### ${inline(p.name)}`);
      const meta = joinParts([
        dateRange(p.startDate, p.endDate),
        p.roles && p.roles.length > 0 ? `Roles: ${p.roles.map(inline).join(', ')}` : undefined,
        present(p.url) ? link(p.url) : undefined,
      ]);
      if (meta) blocks.push(block(meta));
      if (present(p.description)) blocks.push(...paragraphs(p.description));
      if (p.keywords && p.keywords.length > 0) blocks.push(`Keywords: ${p.keywords.map(inline).join(', ')}`);
      if (p.bullets.length > 0) blocks.push(list(p.bullets.map((bullet) => inline(bullet.text))));
    }
  }

  if (doc.education.length > 0) {
    blocks.push('## Education');
    for (const e of doc.education) {
      blocks.push(`### ${inline(e.institution)}`);
      const degree = [e.studyType, e.area]
        .filter(present)
        .map((part) => inline(part))
        .join(' in ');
      const meta = joinParts([
        degree === '' ? undefined : degree,
        dateRange(e.startDate, e.endDate),
        present(e.score) ? `Score: ${inline(e.score)}` : undefined,
        present(e.url) ? link(e.url) : undefined,
      ]);
      if (meta) blocks.push(block(meta));
      if (e.courses && e.courses.length > 0) blocks.push(`Courses: ${e.courses.map(inline).join(', ')}`);
    }
  }

  if (doc.certifications.length > 0) {
    blocks.push(
      '## Certifications',
      list(
        doc.certifications.map((c) => {
          const rest = joinParts([
            present(c.issuer) ? inline(c.issuer) : undefined,
            present(c.date) ? inline(c.date) : undefined,
            present(c.url) ? link(c.url) : undefined,
          ]);
          const name = `**${inline(c.name)}**`;
          return rest ? `${name} — ${rest}` : name;
        }),
      ),
    );
  }

  if (doc.languages.length > 0) {
    blocks.push(
      '## Languages',
      list(
        doc.languages.map((l) =>
          present(l.fluency) ? `${inline(l.language)}: ${inline(l.fluency)}` : inline(l.language),
        ),
      ),
    );
  }

  return `${blocks.join('\n\n')}\n`;
}

/** `start – end`, `start – present` (no end), `end` (no start); undefined when there is neither. */
export function formatDateRange(start?: string, end?: string): string | undefined {
  const from = present(start) ? start : undefined;
  const to = present(end) ? end : undefined;
  if (from !== undefined) return `${from}${DASH}${to ?? 'present'}`;
  return to;
}

/**
 * Escapes user text for use inside a Markdown line: whitespace collapsed, inline syntax neutralised.
 * Use `escapeMarkdownBlockStart` as well when the text begins a block.
 */
export function escapeMarkdownInline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<~]/g, (c) => `\\${c}`)
    .replace(/&(?=#[0-9]+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)/g, '\\&')
    .replace(/(^|\s)#/g, '$1\\#');
}

/** Escapes what would open a block at the start of a line: `-` `+` `=` `>` and ordered-list markers. */
export function escapeMarkdownBlockStart(line: string): string {
  return line.replace(/^([-+=>])/, '\\$1').replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2');
}

function inline(text: string): string {
  return escapeMarkdownInline(text);
}

function block(line: string): string {
  return escapeMarkdownBlockStart(line);
}

function list(items: string[]): string {
  return items.map((item) => `- ${block(item)}`).join('\n');
}

function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => block(inline(paragraph)))
    .filter((paragraph) => paragraph !== '');
}

function dateRange(start?: string, end?: string): string | undefined {
  const range = formatDateRange(start, end);
  return range === undefined ? undefined : inline(range);
}

function formatLocation(loc: NonNullable<ResumeDocument['basics']['location']>): string | undefined {
  const cityLine = [loc.postalCode, loc.city].filter(present).join(' ');
  const parts = [loc.address, cityLine, loc.region, loc.countryCode].filter(present);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function link(url: string): string {
  return /^https?:\/\/[^\s<>\\]+$/i.test(url) ? `<${url}>` : inline(url);
}

// The e-mail autolink form of CommonMark (section 6.5).
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

function email(address: string): string {
  return EMAIL.test(address) ? `<${address}>` : inline(address);
}

function joinParts(parts: (string | undefined)[]): string | undefined {
  const kept = parts.filter((part): part is string => part !== undefined && part !== '');
  return kept.length > 0 ? kept.join(SEP) : undefined;
}

function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}
