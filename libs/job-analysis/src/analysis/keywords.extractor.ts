import { type JobKeyword, type TextSpan } from './job-analysis.types';

const TOKEN = /[\p{L}\p{N}](?:[\p{L}\p{N}+#]|[.\-/&'](?=[\p{L}\p{N}]))*[+#]*/gu;

/** Capitalised words that are ordinary English, places or job-ad boilerplate, never a keyword on their own. */
const STOPWORDS = new Set(
  `a an and are as at be but by can do for from have how i if in is it its of on or our that the their them these they
  this those to us we what when where who why will with you your yours ability able about after all also any
  bonus background basic clear comfortable confident deep degree desirable excellent experience experienced expert
  familiarity familiar good hands-on ideal ideally knowledge must nice plus practical preferred proficiency
  proficient proven required requirements responsibilities skills solid strong understanding working years
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
  september october november december english german french spanish dutch italian portuguese polish
  eu uk us usa emea apac cet utc gmt est pst cv faq asap tbd ok eeo pto hr etc e.g i.e vs`
    .split(/\s+/)
    .filter(Boolean),
);

const MAX_KEYWORDS = 20;
const MAX_NGRAM = 4;

type Shape = 'technical' | 'capitalised' | 'number' | 'plain';

function shapeOf(token: string): Shape {
  if (/^\d{1,5}$/.test(token)) return 'number';
  if (/[\p{Ll}][\p{Lu}]/u.test(token)) return 'technical'; // GraphQL, gRPC, iOS
  if (/^[\p{Lu}\d]{2,8}$/u.test(token) && (token.match(/\p{Lu}/gu) ?? []).length >= 2) return 'technical'; // AWS, SOC2
  if (/\p{L}/u.test(token) && /\d/.test(token)) return 'technical'; // S3, OAuth2
  if (/[.+#]/.test(token) && /\p{L}/u.test(token)) return 'technical'; // Node.js, C#
  if (/^\p{Lu}[\p{Ll}'-]+$/u.test(token)) return 'capitalised';
  return 'plain';
}

/** True when a token starts a sentence, a line, a list item or a heading's content (so its capital says nothing). */
function startsSentence(text: string, at: number): boolean {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const prefix = text.slice(lineStart, at);
  if (/^\s*(?:#{1,6}\s*|[-*•◦▪▸►‣●○■□✓✔➤→·–—+]\s*|\(?\d{1,2}[.)]\s*|\*\*)?$/.test(prefix)) return true;
  return /[.!?:;]\s+$/.test(prefix);
}

interface Candidate {
  readonly term: string;
  readonly span: TextSpan;
  readonly technical: boolean;
}

/**
 * Salient terms the taxonomy does not know, from the given ranges of `text` (the requirement, preference and
 * duty sections): technical-looking tokens (CamelCase like "OAuth", acronyms like "SOC2" or "HIPAA", tokens
 * with digits or `.+#`), and runs of capitalised words inside a sentence ("Structured Streaming",
 * "ISO 20022"). A single capitalised word counts only when it recurs. Words overlapping a skill mention, or
 * that `isKnown` recognises, are left out. At most 20, most frequent first.
 */
export function extractKeywords(
  text: string,
  ranges: readonly { start: number; end: number }[],
  skillSpans: readonly { start: number; end: number }[],
  isKnown: (term: string) => boolean,
): JobKeyword[] {
  const covered = (start: number, end: number) =>
    skillSpans.some((span) => span.start < end && start < span.end);
  const candidates: Candidate[] = [];
  for (const range of ranges) {
    const scope = text.slice(range.start, range.end);
    let run: { token: string; start: number; end: number; shape: Shape }[] = [];
    const flush = () => {
      if (run.length > 0 && run.length <= MAX_NGRAM) {
        const start = run[0].start;
        const end = run[run.length - 1].end;
        candidates.push({
          term: text.slice(start, end),
          span: { text: text.slice(start, end), start, end },
          technical: run.length > 1 || run[0].shape === 'technical',
        });
      }
      run = [];
    };
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(scope); m; m = TOKEN.exec(scope)) {
      const token = m[0];
      const start = range.start + m.index;
      const end = start + token.length;
      let shape = shapeOf(token);
      if (STOPWORDS.has(token.toLowerCase()) || covered(start, end)) shape = 'plain';
      if (shape === 'capitalised' && startsSentence(text, start)) shape = 'plain';
      const previous = run[run.length - 1];
      const adjacent = previous !== undefined && /^[ -]$/.test(text.slice(previous.end, start));
      if (shape === 'plain' || (shape === 'number' && run.length === 0)) {
        flush();
        continue;
      }
      if (!adjacent) flush();
      run.push({ token, start, end, shape });
    }
    flush();
  }

  const byTerm = new Map<string, { term: string; mentions: TextSpan[]; technical: boolean }>();
  for (const candidate of candidates) {
    const key = candidate.term.toLowerCase();
    const entry = byTerm.get(key) ?? { term: candidate.term, mentions: [], technical: candidate.technical };
    entry.mentions.push(candidate.span);
    byTerm.set(key, entry);
  }
  return [...byTerm.values()]
    .filter((entry) => (entry.technical || entry.mentions.length > 1) && !isKnown(entry.term))
    .sort((a, b) => b.mentions.length - a.mentions.length || a.mentions[0].start - b.mentions[0].start)
    .slice(0, MAX_KEYWORDS)
    .map(({ term, mentions }) => ({ term, count: mentions.length, mentions }));
}
