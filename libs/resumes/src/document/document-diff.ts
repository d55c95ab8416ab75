/**
 * Differences between two resume documents (two versions of one resume), in two views:
 *
 * 1. `changes`: field-level, as JSON pointers (RFC 6901). `path` locates the value in the version where it
 *    exists: in `a` for `removed`, in `b` for `added`, `changed` and `moved`; `from` is its pointer in `a`
 *    when that differs (the entry moved or entries before it were added/removed). `moved` means the entry's
 *    order relative to the other matched entries changed (not merely shifted by an insertion above it).
 * 2. `entries`: bullet-level, for every experience and project entry that was added, removed, or matched
 *    with changed bullets: bullets added, removed, changed (text edited) or moved.
 *
 * Entries of a list are matched across versions by identity, not by index, so inserting an entry at the
 * top reports one addition and nothing else. Keys are compared trimmed, case-insensitive, whitespace
 * collapsed; each rule below is a pass over the entries the earlier passes left unmatched, pairing the
 * k-th occurrence of a key in `a` with the k-th in `b`:
 *   experience      company + position, then company alone (a promotion is a change, not a new job)
 *   projects        name, then url
 *   education       institution + studyType + area, then institution
 *   skills          group name; skill items by name
 *   certifications  name;  languages  language;  basics.profiles  network, then url
 *   evidence lists  kind + id
 *   bullets         exact text first; then, among the rest, pairs whose word similarity is at least 0.5,
 *                   the most similar pair first (ties: lower index in `a`, then in `b`). Similarity is the
 *                   Dice coefficient of the two texts' word multisets (lower-cased letters and digits):
 *                   2·|common words| / (|words of a| + |words of b|). A bullet matched only by
 *                   similarity is `changed`, with its `similarity` (two decimals). Bullets whose text is
 *                   unchanged but whose evidence changed show in `changes`, not in the bullet view.
 *   lists of strings (keywords, roles, courses): a longest-common-subsequence diff (items added/removed).
 *   any other list: equal items first, then the rest paired in order.
 * Objects are compared member by member (members in a fixed order: the document's sections in their
 * order, other objects' members alphabetically); scalars by value.
 *
 * `unifiedDiff` is a standard unified diff (`diff -u` / `git diff` hunk format) of two texts, from a Myers
 * line diff written here (no diff library).
 */
import { canonicalJson } from './canonical-json';
import type { ResumeDocument } from './resume-document.dto';

export type ChangeOp = 'added' | 'removed' | 'changed' | 'moved';

export interface FieldChange {
  /** JSON pointer: in `b` for added/changed/moved, in `a` for removed. */
  path: string;
  op: ChangeOp;
  /** Pointer of the same value in `a`, when it differs from `path`. */
  from?: string;
  /** The value in `a` (removed, changed). */
  before?: unknown;
  /** The value in `b` (added, changed). */
  after?: unknown;
}

export interface BulletChange {
  op: ChangeOp;
  /** Pointer of the bullet: in `b` for added/changed/moved, in `a` for removed. */
  path: string;
  from?: string;
  before?: string;
  after?: string;
  /** For `changed`: word similarity of the two texts, 0..1, two decimals. */
  similarity?: number;
}

export interface EntryBulletDiff {
  section: 'experience' | 'projects';
  /** `matched`: the entry is in both versions (its bullets changed). */
  op: 'added' | 'removed' | 'matched';
  /** `Position — Company` for experience, the name for a project (as in the version that has it, `b` first). */
  title: string;
  /** Pointer of the entry: in `b`, or in `a` when removed. */
  path: string;
  from?: string;
  bullets: BulletChange[];
}

export interface DocumentDiff {
  changes: FieldChange[];
  entries: EntryBulletDiff[];
  /** Number of `changes` per op. */
  counts: Record<ChangeOp, number>;
}

export interface UnifiedDiffOptions {
  fromLabel: string;
  toLabel: string;
  /** Lines of context around each change (default 3). */
  context?: number;
}

export const BULLET_SIMILARITY_THRESHOLD = 0.5;

const SECTION_ORDER = [
  'basics',
  'summary',
  'skills',
  'experience',
  'projects',
  'education',
  'certifications',
  'languages',
];

// ---- structured diff ------------------------------------------------------------------------------------

export function diffDocuments(a: ResumeDocument, b: ResumeDocument): DocumentDiff {
  const changes: FieldChange[] = [];
  diffValue(a, b, '', '', '', changes);
  const counts: Record<ChangeOp, number> = { added: 0, removed: 0, changed: 0, moved: 0 };
  for (const change of changes) counts[change.op] += 1;
  return { changes, entries: bulletView(a, b), counts };
}

function diffValue(
  a: unknown,
  b: unknown,
  aPath: string,
  bPath: string,
  pattern: string,
  out: FieldChange[],
): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined) {
    out.push({ path: bPath, op: 'added', after: copy(b) });
    return;
  }
  if (b === undefined) {
    out.push({ path: aPath, op: 'removed', before: copy(a) });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    diffArray(a, b, aPath, bPath, pattern, out);
    return;
  }
  if (isObject(a) && isObject(b)) {
    for (const key of memberOrder(a, b, pattern)) {
      const token = pointerToken(key);
      diffValue(a[key], b[key], `${aPath}/${token}`, `${bPath}/${token}`, `${pattern}/${token}`, out);
    }
    return;
  }
  if (canonicalJson(a) !== canonicalJson(b)) {
    out.push(withFrom({ path: bPath, op: 'changed', before: copy(a), after: copy(b) }, aPath));
  }
}

function memberOrder(a: Record<string, unknown>, b: Record<string, unknown>, pattern: string): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  if (pattern !== '') return keys;
  const known = SECTION_ORDER.filter((key) => keys.includes(key));
  return [...known, ...keys.filter((key) => !SECTION_ORDER.includes(key))];
}

function diffArray(
  a: unknown[],
  b: unknown[],
  aPath: string,
  bPath: string,
  pattern: string,
  out: FieldChange[],
): void {
  const itemPattern = `${pattern}/*`;
  const strategy = listStrategy(pattern, a, b);
  if (strategy === 'sequence') {
    const edits = diffSequence(a.map(keyOf), b.map(keyOf));
    for (const edit of edits) {
      if (edit.op === 'delete')
        out.push({ path: `${aPath}/${edit.aIndex}`, op: 'removed', before: copy(a[edit.aIndex]) });
    }
    for (const edit of edits) {
      if (edit.op === 'insert')
        out.push({ path: `${bPath}/${edit.bIndex}`, op: 'added', after: copy(b[edit.bIndex]) });
    }
    return;
  }
  const match = matchLists(a, b, strategy);
  for (const i of match.removed) out.push({ path: `${aPath}/${i}`, op: 'removed', before: copy(a[i]) });
  for (let j = 0; j < b.length; j++) {
    const i = match.aOf.get(j);
    if (i === undefined) {
      out.push({ path: `${bPath}/${j}`, op: 'added', after: copy(b[j]) });
      continue;
    }
    if (match.moved.has(j)) out.push({ path: `${bPath}/${j}`, op: 'moved', from: `${aPath}/${i}` });
    diffValue(a[i], b[j], `${aPath}/${i}`, `${bPath}/${j}`, itemPattern, out);
  }
}

// ---- list matching --------------------------------------------------------------------------------------

type KeyFn = (item: unknown) => string | undefined;
type Strategy = 'sequence' | 'bullets' | KeyFn[];

interface ListMatch {
  /** b index → a index of matched pairs. */
  aOf: Map<number, number>;
  /** a indexes not matched, ascending. */
  removed: number[];
  /** b indexes of matched entries whose relative order changed. */
  moved: Set<number>;
  /** b index → similarity, for bullets matched by similarity only. */
  similarity: Map<number, number>;
}

const field =
  (...names: string[]): KeyFn =>
  (item) => {
    if (!isObject(item)) return undefined;
    const parts = names.map((name) => normalize(item[name]));
    return parts.every((part) => part !== undefined) ? parts.join('\u0000') : undefined;
  };

const LIST_KEYS: Record<string, KeyFn[]> = {
  '/basics/profiles': [field('network'), field('url')],
  '/skills': [field('name')],
  '/skills/*/items': [field('name')],
  '/experience': [field('company', 'position'), field('company')],
  '/projects': [field('name'), field('url')],
  '/education': [field('institution', 'studyType', 'area'), field('institution')],
  '/certifications': [field('name')],
  '/languages': [field('language')],
};

function listStrategy(pattern: string, a: unknown[], b: unknown[]): Strategy {
  if (pattern === '/experience/*/bullets' || pattern === '/projects/*/bullets') return 'bullets';
  const keyed = LIST_KEYS[pattern];
  if (keyed) return keyed;
  if (pattern.endsWith('/evidence')) return [field('kind', 'id')];
  if ([...a, ...b].every((item) => item === null || typeof item !== 'object')) return 'sequence';
  return [keyOf, () => 'in order'];
}

function matchLists(a: unknown[], b: unknown[], strategy: KeyFn[] | 'bullets'): ListMatch {
  const aOf = new Map<number, number>();
  const matchedA = new Set<number>();
  const similarity = new Map<number, number>();
  const pair = (i: number, j: number) => {
    aOf.set(j, i);
    matchedA.add(i);
  };
  const passes: KeyFn[] =
    strategy === 'bullets' ? [(item) => (isObject(item) ? str(item.text) : undefined)] : strategy;
  for (const key of passes) {
    const queues = new Map<string, number[]>();
    a.forEach((item, i) => {
      if (matchedA.has(i)) return;
      const k = key(item);
      if (k === undefined) return;
      const queue = queues.get(k);
      if (queue) queue.push(i);
      else queues.set(k, [i]);
    });
    b.forEach((item, j) => {
      if (aOf.has(j)) return;
      const k = key(item);
      const i = k === undefined ? undefined : queues.get(k)?.shift();
      if (i !== undefined) pair(i, j);
    });
  }
  if (strategy === 'bullets') {
    const candidates: { i: number; j: number; score: number }[] = [];
    a.forEach((x, i) => {
      if (matchedA.has(i)) return;
      b.forEach((y, j) => {
        if (aOf.has(j)) return;
        const score = textSimilarity(bulletText(x), bulletText(y));
        if (score >= BULLET_SIMILARITY_THRESHOLD) candidates.push({ i, j, score });
      });
    });
    candidates.sort((p, q) => q.score - p.score || p.i - q.i || p.j - q.j);
    for (const { i, j, score } of candidates) {
      if (matchedA.has(i) || aOf.has(j)) continue;
      pair(i, j);
      similarity.set(j, Math.round(score * 100) / 100);
    }
  }
  const removed = a.map((_, i) => i).filter((i) => !matchedA.has(i));
  return { aOf, removed, moved: movedEntries(aOf), similarity };
}

/** Matched pairs in `b` order whose `a` index is not on a longest increasing run: their order changed. */
function movedEntries(aOf: Map<number, number>): Set<number> {
  const js = [...aOf.keys()].sort((x, y) => x - y);
  const is = js.map((j) => aOf.get(j) as number);
  const length = is.map(() => 1);
  const previous = is.map(() => -1);
  for (let k = 0; k < is.length; k++) {
    for (let p = 0; p < k; p++) {
      if (is[p] < is[k] && length[p] + 1 > length[k]) {
        length[k] = length[p] + 1;
        previous[k] = p;
      }
    }
  }
  const keep = new Set<number>();
  let best = -1;
  length.forEach((value, k) => {
    if (best === -1 || value > length[best]) best = k;
  });
  for (let k = best; k !== -1; k = previous[k]) keep.add(k);
  return new Set(js.filter((_, k) => !keep.has(k)));
}

/** Dice coefficient of the word multisets of two texts (1 for two texts without words that are equal). */
export function textSimilarity(x: string, y: string): number {
  const wx = words(x);
  const wy = words(y);
  if (wx.length === 0 && wy.length === 0) return x === y ? 1 : 0;
  const counts = new Map<string, number>();
  for (const word of wx) counts.set(word, (counts.get(word) ?? 0) + 1);
  let common = 0;
  for (const word of wy) {
    const left = counts.get(word) ?? 0;
    if (left > 0) {
      common += 1;
      counts.set(word, left - 1);
    }
  }
  return (2 * common) / (wx.length + wy.length);
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

// ---- bullet view ----------------------------------------------------------------------------------------

interface Entry {
  bullets?: unknown;
  company?: unknown;
  position?: unknown;
  name?: unknown;
}

function bulletView(a: ResumeDocument, b: ResumeDocument): EntryBulletDiff[] {
  const out: EntryBulletDiff[] = [];
  for (const section of ['experience', 'projects'] as const) {
    const before = a[section] as Entry[];
    const after = b[section] as Entry[];
    const match = matchLists(before, after, LIST_KEYS[`/${section}`]);
    for (const i of match.removed) {
      const path = `/${section}/${i}`;
      const bullets = bulletsOf(before[i]).map((text, k) => ({
        op: 'removed' as const,
        path: `${path}/bullets/${k}`,
        before: text,
      }));
      out.push({ section, op: 'removed', title: entryTitle(section, before[i]), path, bullets });
    }
    for (let j = 0; j < after.length; j++) {
      const path = `/${section}/${j}`;
      const i = match.aOf.get(j);
      if (i === undefined) {
        const bullets = bulletsOf(after[j]).map((text, k) => ({
          op: 'added' as const,
          path: `${path}/bullets/${k}`,
          after: text,
        }));
        out.push({ section, op: 'added', title: entryTitle(section, after[j]), path, bullets });
        continue;
      }
      const bullets = bulletChanges(before[i], after[j], `/${section}/${i}`, path);
      if (bullets.length > 0) {
        out.push(
          withFrom(
            { section, op: 'matched', title: entryTitle(section, after[j]), path, bullets },
            `/${section}/${i}`,
          ),
        );
      }
    }
  }
  return out;
}

function bulletChanges(a: Entry, b: Entry, aPath: string, bPath: string): BulletChange[] {
  const aList = Array.isArray(a.bullets) ? a.bullets : [];
  const bList = Array.isArray(b.bullets) ? b.bullets : [];
  const match = matchLists(aList, bList, 'bullets');
  const out: BulletChange[] = [];
  for (const i of match.removed) {
    out.push({ op: 'removed', path: `${aPath}/bullets/${i}`, before: bulletText(aList[i]) });
  }
  for (let j = 0; j < bList.length; j++) {
    const path = `${bPath}/bullets/${j}`;
    const i = match.aOf.get(j);
    if (i === undefined) {
      out.push({ op: 'added', path, after: bulletText(bList[j]) });
      continue;
    }
    const from = `${aPath}/bullets/${i}`;
    const beforeText = bulletText(aList[i]);
    const afterText = bulletText(bList[j]);
    if (beforeText !== afterText) {
      const similarity =
        match.similarity.get(j) ?? Math.round(textSimilarity(beforeText, afterText) * 100) / 100;
      out.push(withFrom({ op: 'changed', path, before: beforeText, after: afterText, similarity }, from));
    } else if (match.moved.has(j)) {
      out.push({ op: 'moved', path, from });
    }
  }
  return out;
}

function bulletsOf(entry: Entry): string[] {
  return Array.isArray(entry.bullets) ? entry.bullets.map(bulletText) : [];
}

function bulletText(bullet: unknown): string {
  return isObject(bullet) ? (str(bullet.text) ?? '') : '';
}

function entryTitle(section: 'experience' | 'projects', entry: Entry): string {
  if (section === 'projects') return str(entry.name) ?? '';
  const company = str(entry.company) ?? '';
  const position = str(entry.position) ?? '';
  return position === '' ? company : `${position} — ${company}`;
}

// ---- unified text diff ----------------------------------------------------------------------------------

export interface SequenceEdit {
  op: 'equal' | 'delete' | 'insert';
  /** Index in `a` (equal, delete); for insert, the number of `a` items before it. */
  aIndex: number;
  /** Index in `b` (equal, insert); for delete, the number of `b` items before it. */
  bIndex: number;
}

/**
 * Shortest edit script between two sequences of strings (Myers, "An O(ND) Difference Algorithm", 1986),
 * after stripping the common prefix and suffix. Within each run of changes, deletions come before
 * insertions.
 */
export function diffSequence(a: readonly string[], b: readonly string[]): SequenceEdit[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  ) {
    suffix++;
  }
  const midA = a.slice(prefix, a.length - suffix);
  const midB = b.slice(prefix, b.length - suffix);

  const edits: SequenceEdit[] = [];
  for (let k = 0; k < prefix; k++) edits.push({ op: 'equal', aIndex: k, bIndex: k });
  for (const edit of myers(midA, midB)) {
    edits.push({ op: edit.op, aIndex: edit.aIndex + prefix, bIndex: edit.bIndex + prefix });
  }
  for (let k = 0; k < suffix; k++) {
    edits.push({ op: 'equal', aIndex: a.length - suffix + k, bIndex: b.length - suffix + k });
  }
  return deletionsFirst(edits);
}

function myers(a: readonly string[], b: readonly string[]): SequenceEdit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  if (max === 0) return [];
  const offset = max + 1;
  // v[offset + k]: the furthest x reached on diagonal k (y = x - k) with the current number of edits.
  const v = new Int32Array(2 * max + 3);
  // trace[d]: the band v[-d-1 .. d+1] as it was before round d (all that round d reads), so memory is O(D²).
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]);
      let x = down ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
  }
  // Walk back from (n, m) through the rounds, taking each round's move the way the forward pass chose it.
  const reversed: SequenceEdit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const band = trace[d];
    const at = (k: number) => band[k + d + 1];
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : at(prevK);
    const prevY = d === 0 ? 0 : prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      reversed.push({ op: 'equal', aIndex: x, bIndex: y });
    }
    if (d > 0) {
      if (down) reversed.push({ op: 'insert', aIndex: x, bIndex: y - 1 });
      else reversed.push({ op: 'delete', aIndex: x - 1, bIndex: y });
    }
    x = prevX;
    y = prevY;
  }
  return reversed.reverse();
}

/** Reorders each run of non-equal edits so its deletions precede its insertions (the usual diff layout). */
function deletionsFirst(edits: SequenceEdit[]): SequenceEdit[] {
  const out: SequenceEdit[] = [];
  let k = 0;
  while (k < edits.length) {
    if (edits[k].op === 'equal') {
      out.push(edits[k++]);
      continue;
    }
    const start = k;
    while (k < edits.length && edits[k].op !== 'equal') k++;
    const run = edits.slice(start, k);
    // Inserts carry the count of `a` items before them, deletes that of `b` items: the minimum is the start.
    const aStart = Math.min(...run.map((e) => e.aIndex));
    const bStart = Math.min(...run.map((e) => e.bIndex));
    const deletes = run.filter((e) => e.op === 'delete').sort((p, q) => p.aIndex - q.aIndex);
    const inserts = run.filter((e) => e.op === 'insert').sort((p, q) => p.bIndex - q.bIndex);
    const aEnd = aStart + deletes.length;
    out.push(...deletes.map((e) => ({ op: 'delete' as const, aIndex: e.aIndex, bIndex: bStart })));
    out.push(...inserts.map((e) => ({ op: 'insert' as const, aIndex: aEnd, bIndex: e.bIndex })));
  }
  return out;
}

/**
 * A unified diff of two texts, line by line: `--- fromLabel`, `+++ toLabel`, then hunks
 * `@@ -start,count +start,count @@` with `context` lines around changes (hunks closer than twice that are
 * merged). As GNU diff and git write it: a count of 1 is left out, an empty range is written
 * `line-before,0`, and a last line without a newline is followed by `\ No newline at end of file`.
 * Identical texts give the empty string.
 */
export function unifiedDiff(aText: string, bText: string, options: UnifiedDiffOptions): string {
  const context = Math.max(0, Math.floor(options.context ?? 3));
  const a = splitLines(aText);
  const b = splitLines(bText);
  // The last line of a text without a final newline differs from the same words followed by one.
  const aKeys = a.lines.map((line, k) =>
    k === a.lines.length - 1 && !a.finalNewline ? `${line}\u0000` : line,
  );
  const bKeys = b.lines.map((line, k) =>
    k === b.lines.length - 1 && !b.finalNewline ? `${line}\u0000` : line,
  );
  const edits = diffSequence(aKeys, bKeys);
  const changed = edits.map((edit, k) => (edit.op === 'equal' ? -1 : k)).filter((k) => k !== -1);
  if (changed.length === 0) return '';

  const out: string[] = [`--- ${options.fromLabel}`, `+++ ${options.toLabel}`];
  let h = 0;
  while (h < changed.length) {
    let last = changed[h];
    let next = h + 1;
    while (next < changed.length && changed[next] - last - 1 <= 2 * context) {
      last = changed[next];
      next++;
    }
    const start = Math.max(0, changed[h] - context);
    const end = Math.min(edits.length - 1, last + context);
    const hunk = edits.slice(start, end + 1);
    const first = hunk[0];
    const aCount = hunk.filter((e) => e.op !== 'insert').length;
    const bCount = hunk.filter((e) => e.op !== 'delete').length;
    out.push(`@@ -${range(first.aIndex, aCount)} +${range(first.bIndex, bCount)} @@`);
    for (const edit of hunk) {
      if (edit.op === 'insert') {
        out.push(`+${b.lines[edit.bIndex]}`);
        if (edit.bIndex === b.lines.length - 1 && !b.finalNewline) out.push(NO_NEWLINE);
      } else {
        out.push(`${edit.op === 'equal' ? ' ' : '-'}${a.lines[edit.aIndex]}`);
        if (edit.aIndex === a.lines.length - 1 && !a.finalNewline) out.push(NO_NEWLINE);
      }
    }
    h = next;
  }
  return `${out.join('\n')}\n`;
}

const NO_NEWLINE = '\\ No newline at end of file';

/** `start,count` (1-based), `start` when count is 1, `line-before,0` when empty. */
function range(index: number, count: number): string {
  if (count === 0) return `${index},0`;
  if (count === 1) return `${index + 1}`;
  return `${index + 1},${count}`;
}

function splitLines(text: string): { lines: string[]; finalNewline: boolean } {
  if (text === '') return { lines: [], finalNewline: true };
  const finalNewline = text.endsWith('\n');
  const lines = (finalNewline ? text.slice(0, -1) : text).split('\n');
  return { lines, finalNewline };
}

// ---- helpers --------------------------------------------------------------------------------------------

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function normalize(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const key = value.trim().replace(/\s+/g, ' ').toLowerCase();
  return key === '' ? undefined : key;
}

function keyOf(item: unknown): string {
  return item === undefined ? 'undefined' : canonicalJson(item);
}

function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

function withFrom<T extends { path: string; from?: string }>(change: T, from: string): T {
  return from === change.path ? change : { ...change, from };
}

function pointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
