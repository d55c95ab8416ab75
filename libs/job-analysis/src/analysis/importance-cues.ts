import { type TextSpan } from './job-analysis.types';

/** Which mentions a cue covers: those after it ("ideally X"), before it ("X is a plus"), or both ("preferred"). */
type CueDirection = 'forward' | 'backward' | 'both';

const FORWARD_CUES =
  /\b(?:ideally|preferably|optionally|bonus (?:points )?(?:if|for)|(?:it's |it is |would be )?(?:a )?(?:big |huge )?plus if|even better if|extra (?:points|credit) (?:if|for)|(?:it )?would be (?:great|nice|awesome|ideal|helpful|a plus) (?:if|to)|great if|we'd (?:also )?love (?:it )?if|as a bonus|as would|(?:nice|good)[- ]to[- ]have:|bonus:|plus:|preferred:|desirable:|optional:)/gi;
const BACKWARD_CUES =
  /(?:\b(?:(?:is|are|would be) )?(?:an? |big |huge )(?:big |huge |strong |definite |nice |real |great )?(?:plus|bonus)\b(?! if)|\(plus\)|\bbonus\b(?! if)|\b(?:is |are |would be )?(?:an? )?(?:added )?advantage(?:ous)?\b|\b(?:is |are |would be )?an asset\b|\bwould be (?:nice|great|helpful|beneficial|appreciated|useful|good)\b|\b(?:is|are|be) (?:helpful|useful|beneficial|welcome|appreciated)\b|\b(?:helpful|useful|beneficial|welcome|appreciated)(?=[.,;)]|$)|\bwould help\b|\beven better\b(?! if))/gi;
const BOTH_CUES =
  /\b(?:(?:is |are )?(?:a )?(?:nice|good)[- ]to[- ]haves?|(?:is |are )?preferred|(?:is |are )?desir(?:ed|able)|(?:is |are )?not (?:required|mandatory|essential|a must|necessary)|(?:is |are )?optional)\b/gi;

/** Words that make what they close required; a backward cue does not reach past them. */
const MUST_CUES = /\b(?:is |are )?(?:a must(?:[- ]have)?|required|mandatory|essential|must[- ]haves?)\b/gi;
/** Where a clause ends for a cue's reach (outside parentheses). */
const CLAUSE_BREAK = /;|,? but\b|,? whereas\b|, while\b|, and\b|\s[-–—]\s/g;

interface Cue {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly direction: CueDirection;
}

interface Paren {
  readonly open: number;
  readonly close: number;
}

export interface CueTarget {
  readonly start: number;
  readonly end: number;
}

function collect(pattern: RegExp, text: string, offset: number, direction: CueDirection, into: Cue[]): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    into.push({ text: m[0].trim(), start: offset + m.index, end: offset + m.index + m[0].length, direction });
  }
}

function parens(text: string, offset: number): Paren[] {
  const found: Paren[] = [];
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') stack.push(i);
    else if (text[i] === ')' && stack.length > 0) {
      const open = stack.pop() as number;
      if (stack.length === 0) found.push({ open: offset + open, close: offset + i });
    }
  }
  return found;
}

const inside = (paren: Paren, start: number, end: number) => start > paren.open && end <= paren.close;

/**
 * The inline cues in one sentence that make mentions optional ("X is a plus", "ideally X", "bonus if you know
 * X", "familiarity with X would be nice", "X preferred"), and which of the given mentions each covers. A cue
 * reaches to its clause's end (forward) or start (backward): clauses break at ";", "but", ", and", a dash,
 * and at a must word ("required", "a must"). A cue inside parentheses covers the mentions inside them, or,
 * when there are none ("Kafka (nice to have)"), the mention just before them.
 * Returns, per covered mention index, the cue's text.
 */
export function findNiceCues(
  text: string,
  sentence: TextSpan,
  mentions: readonly CueTarget[],
): Map<number, string> {
  const covered = new Map<number, string>();
  const cues: Cue[] = [];
  collect(FORWARD_CUES, sentence.text, sentence.start, 'forward', cues);
  collect(BACKWARD_CUES, sentence.text, sentence.start, 'backward', cues);
  collect(BOTH_CUES, sentence.text, sentence.start, 'both', cues);
  if (cues.length === 0) return covered;

  const groups = parens(sentence.text, sentence.start);
  const outsideParens = (at: number) => !groups.some((paren) => at > paren.open && at < paren.close);
  const breaks: number[] = [];
  CLAUSE_BREAK.lastIndex = 0;
  for (let m = CLAUSE_BREAK.exec(sentence.text); m; m = CLAUSE_BREAK.exec(sentence.text)) {
    const at = sentence.start + m.index;
    if (outsideParens(at)) breaks.push(at);
  }
  const mustEnds: number[] = [];
  MUST_CUES.lastIndex = 0;
  for (let m = MUST_CUES.exec(sentence.text); m; m = MUST_CUES.exec(sentence.text)) {
    const before = sentence.text.slice(Math.max(0, m.index - 5), m.index);
    if (!/not\s*$/i.test(before)) mustEnds.push(sentence.start + m.index + m[0].length);
  }

  const cover = (index: number, cue: Cue) => {
    if (!covered.has(index)) covered.set(index, cue.text);
  };
  for (const cue of cues) {
    const group = groups.find((paren) => inside(paren, cue.start, cue.end));
    if (group) {
      const within = mentions
        .map((mention, index) => ({ mention, index }))
        .filter(({ mention }) => inside(group, mention.start, mention.end) && !overlaps(mention, cue));
      if (within.length > 0) {
        for (const { mention, index } of within)
          if (reaches(cue, mention, group.open, group.close)) cover(index, cue);
      } else {
        const before = lastMentionBefore(text, mentions, group.open, sentence.start);
        if (before !== undefined) cover(before, cue);
      }
      continue;
    }
    const clauseStart = Math.max(
      sentence.start,
      ...breaks.filter((at) => at < cue.start),
      ...mustEnds.filter((at) => at <= cue.start),
    );
    const clauseEnd = Math.min(sentence.end, ...breaks.filter((at) => at >= cue.end));
    mentions.forEach((mention, index) => {
      if (overlaps(mention, cue)) return;
      if (
        mention.start >= clauseStart &&
        mention.end <= clauseEnd &&
        reaches(cue, mention, clauseStart, clauseEnd)
      ) {
        cover(index, cue);
      }
    });
  }
  return covered;
}

function reaches(cue: Cue, mention: CueTarget, from: number, to: number): boolean {
  if (mention.start < from || mention.end > to) return false;
  if (cue.direction === 'forward') return mention.start >= cue.end;
  if (cue.direction === 'backward') return mention.end <= cue.start;
  return true;
}

const overlaps = (a: CueTarget, b: CueTarget) => a.start < b.end && b.start < a.end;

/** The mention ending closest before `at`, when only a few words separate them and no clause break does. */
function lastMentionBefore(
  text: string,
  mentions: readonly CueTarget[],
  at: number,
  floor: number,
): number | undefined {
  let best: number | undefined;
  mentions.forEach((mention, index) => {
    if (mention.end > at || mention.start < floor) return;
    if (best === undefined || mention.end > mentions[best].end) best = index;
  });
  if (best === undefined) return undefined;
  const gap = text.slice(mentions[best].end, at);
  return gap.length <= 40 && !/[;.:]/.test(gap) ? best : undefined;
}

/** "not a JavaScript role", "no Java", "you do not need experience with X", "without Kubernetes". */
const NEGATION_BEFORE =
  /\b(?:not|no|never|without|nor|non)[\s-]+(?:(?:a|an|the|any|need|needed|required|experience|with|in|of|to|know|prior|necessarily|be|using)\s+){0,3}$/i;

/** "X is not needed", "X knowledge is not required", "X experience isn't necessary" (and nothing after "but"). */
const NEGATION_AFTER =
  /^[\s\w/+#.-]{0,30}?\b(?:is|are)(?: not|n't) (?:needed|required|necessary|expected|a requirement)\b(?![^.;\n]*\b(?:but|though|although|plus|bonus|advantage)\b)/i;

/**
 * True when the mention is negated: by the few words before it in its clause ("not a JavaScript role",
 * "no Java", "you do not need experience with X"), or by what follows it in its clause ("Objective-C
 * knowledge is not needed"; "X is not required, but a plus" stays a mention).
 */
export function isNegated(text: string, mention: CueTarget): boolean {
  const from = Math.max(0, mention.start - 40);
  const before = text.slice(from, mention.start);
  const clause = before.slice(
    Math.max(before.lastIndexOf('\n'), before.lastIndexOf(';'), before.lastIndexOf('.')) + 1,
  );
  if (NEGATION_BEFORE.test(clause)) return true;
  const after = text.slice(mention.end, mention.end + 80).split(/[;\n]|\.(?:\s|$)/)[0];
  return NEGATION_AFTER.test(after);
}
