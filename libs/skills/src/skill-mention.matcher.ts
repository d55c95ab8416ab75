import {
  breaksSentence,
  type CandidateSpan,
  hasCueNearby,
  isListGap,
  needsContext,
  passesLocalChecks,
  type ProseRule,
} from './prose-rule';
import { resolveKey } from './skill-keys';
import { type SkillDefinition, type SkillMention } from './skill.types';
import { isJoinableGap, type SkillToken, tokenize } from './skill-tokenizer';

/** What a prose phrase (a phrase key: lower-cased words joined by one space) stands for. */
export interface PhraseEntry {
  readonly skill: SkillDefinition;
  /** Present for ambiguous phrases ("Go", "R", "Spring"): the disambiguation rule to apply. */
  readonly rule?: ProseRule;
  /** Present for phrases with several meanings ("IAM", "ECS"): the default first (data/disambiguation.json senses). */
  readonly senses?: readonly Sense[];
}

/** One meaning of a phrase, with the skills that point to it when named in the same sentence. */
export interface Sense {
  readonly skill: SkillDefinition;
  /** ids of the skills it relates to, or that relate to it. */
  readonly neighbours: ReadonlySet<string>;
}

interface Candidate {
  readonly entry: PhraseEntry;
  skill: SkillDefinition;
  readonly span: CandidateSpan;
  readonly start: number;
  readonly end: number;
  accepted: boolean;
}

/** "Firebase (Auth, Remote Config)", "AWS experience (Lambda, ECS)": up to two words, then a parenthesis. */
const QUALIFIED_LIST = /^[ \t]*(?:[\p{L}\p{N}-]+[ \t]+){0,2}\(([^()\n]{1,160})\)/u;
/** Where the items of such a list end. */
const ITEM_SEPARATOR = /\s*(?:[,;/]|\b(?:and|or|etc)\b\.?|\b(?:e\.g|i\.e)\.)\s*/giu;
const MAX_ITEM_WORDS = 4;
const CONJUNCTIONS: ReadonlySet<string> = new Set(['and', 'or']);

/**
 * Finds skills in free prose with one pass over the words: at each word, the longest known phrase that
 * starts there (looked up word by word in a map of phrase keys, pruned by a set of phrase prefixes) and
 * passes its rule's local checks wins; then guarded phrases that need context get it from a cue word or
 * from an enumeration with an accepted mention ("Go or Rust", "C/C++"); a phrase with several senses takes
 * the one whose related skills are named in the same sentence ("AWS … IAM" → AWS IAM); and a product list in
 * parentheses after a skill is read with that skill's name in front ("Firebase (Auth, Remote Config)" →
 * Firebase Authentication, Firebase Remote Config) when the taxonomy knows the qualified name.
 */
export class SkillMentionMatcher {
  private readonly prefixes = new Set<string>();

  constructor(
    private readonly phrases: ReadonlyMap<string, PhraseEntry>,
    private readonly cues: ReadonlySet<string>,
    /** resolve key → skill id (every name of every skill), for qualified names. */
    private readonly names: ReadonlyMap<string, string> = new Map(),
    private readonly byId: ReadonlyMap<string, SkillDefinition> = new Map(),
  ) {
    for (const key of phrases.keys()) {
      const words = key.split(' ');
      for (let n = 1; n < words.length; n += 1) this.prefixes.add(words.slice(0, n).join(' '));
    }
  }

  find(text: string): SkillMention[] {
    const tokens = tokenize(text);
    const candidates = this.withSharedHeads(text, tokens, this.candidates(text, tokens));
    this.applyContext(text, candidates);
    const accepted = candidates.filter((candidate) => candidate.accepted);
    this.applySenses(text, accepted);
    return this.applyQualifiers(text, accepted).map(({ skill, start, end }) => ({
      id: skill.id,
      canonical: skill.canonical,
      category: skill.category,
      text: text.slice(start, end),
      start,
      end,
    }));
  }

  private candidates(text: string, tokens: readonly SkillToken[]): Candidate[] {
    const found: Candidate[] = [];
    let i = 0;
    while (i < tokens.length) {
      const candidate = this.longestAt(text, tokens, i);
      if (candidate) found.push(candidate);
      i = candidate ? candidate.span.last + 1 : i + 1;
    }
    return found;
  }

  /**
   * Adds the phrases whose last word is shared in a coordination: "unit and integration tests" names unit
   * tests too, "unit, integration and end-to-end tests" unit and integration tests, "Android and iOS
   * development" Android development. Only unguarded phrases (no rule) and words no other phrase covers.
   */
  private withSharedHeads(text: string, tokens: readonly SkillToken[], found: Candidate[]): Candidate[] {
    const covered = new Set<number>();
    for (const { span } of found) for (let i = span.first; i <= span.last; i += 1) covered.add(i);
    const gap = (i: number) => text.slice(tokens[i].end, tokens[i + 1].start);
    const extra: Candidate[] = [];
    for (const candidate of found) {
      const { first, last } = candidate.span;
      if (last === first || first === 0) continue;
      let j = first - 1;
      if (CONJUNCTIONS.has(tokens[j].norm) && /^[ \t]+$/.test(gap(j))) j -= 1;
      else if (!/^[ \t]*\/[ \t]*$/.test(gap(j))) continue;
      for (let n = 0; n < 3 && j >= 0 && !covered.has(j); n += 1) {
        const entry = this.phrases.get(`${tokens[j].norm} ${tokens[last].norm}`);
        if (!entry || entry.rule || !/^,?[ \t]+$|^[ \t]*\/[ \t]*$/.test(gap(j))) break;
        const span: CandidateSpan = { text, tokens, first: j, last: j };
        extra.push({
          entry,
          skill: entry.skill,
          span,
          start: tokens[j].start,
          end: tokens[j].end,
          accepted: true,
        });
        if (j === 0 || !/^[ \t]*,[ \t]*$/.test(gap(j - 1))) break;
        j -= 1;
      }
    }
    return extra.length === 0 ? found : [...found, ...extra].sort((a, b) => a.start - b.start);
  }

  private longestAt(text: string, tokens: readonly SkillToken[], first: number): Candidate | undefined {
    const matches: { last: number; entry: PhraseEntry }[] = [];
    let key = tokens[first].norm;
    for (let last = first; ;) {
      const entry = this.phrases.get(key);
      if (entry) matches.push({ last, entry });
      const next = last + 1;
      if (next >= tokens.length || !this.prefixes.has(key)) break;
      if (!isJoinableGap(text.slice(tokens[last].end, tokens[next].start))) break;
      key = `${key} ${tokens[next].norm}`;
      last = next;
    }
    for (let m = matches.length - 1; m >= 0; m -= 1) {
      const { last, entry } = matches[m];
      const span: CandidateSpan = { text, tokens, first, last };
      if (entry.rule && !passesLocalChecks(entry.rule, span)) continue;
      const accepted = !entry.rule || !needsContext(entry.rule, span);
      return {
        entry,
        skill: entry.skill,
        span,
        start: tokens[first].start,
        end: tokens[last].end,
        accepted,
      };
    }
    return undefined;
  }

  /** Accepts pending candidates with a cue nearby, then those listed next to an accepted one, until stable. */
  private applyContext(text: string, candidates: Candidate[]): void {
    const pending = candidates.filter((candidate) => !candidate.accepted);
    if (pending.length === 0) return;
    for (const candidate of pending) {
      const rule = candidate.entry.rule as ProseRule;
      if (hasCueNearby(rule, this.cues, candidate.span)) candidate.accepted = true;
    }
    const listedWith = (a: Candidate | undefined, b: Candidate | undefined) =>
      a !== undefined && b !== undefined && isListGap(text.slice(a.end, b.start));
    for (let changed = true; changed;) {
      changed = false;
      candidates.forEach((candidate, k) => {
        if (candidate.accepted) return;
        const previous = candidates[k - 1];
        const next = candidates[k + 1];
        if (
          (previous?.accepted && listedWith(previous, candidate)) ||
          (next?.accepted && listedWith(candidate, next))
        ) {
          candidate.accepted = true;
          changed = true;
        }
      });
    }
  }

  /** Gives a phrase with several senses the one whose neighbours are named most in its sentence (ties: default). */
  private applySenses(text: string, accepted: Candidate[]): void {
    accepted.forEach((candidate, k) => {
      const senses = candidate.entry.senses;
      if (!senses) return;
      // The skills named around it, as found (before any sense was chosen), within the sentence.
      const around: string[] = [];
      for (let j = k - 1; j >= 0 && !breaksSentence(text.slice(accepted[j].end, accepted[j + 1].start)); j--)
        around.push(accepted[j].entry.skill.id);
      for (
        let j = k + 1;
        j < accepted.length && !breaksSentence(text.slice(accepted[j - 1].end, accepted[j].start));
        j++
      )
        around.push(accepted[j].entry.skill.id);
      let best = senses[0];
      let bestScore = around.filter((id) => best.neighbours.has(id)).length;
      for (const sense of senses.slice(1)) {
        const score = around.filter((id) => sense.neighbours.has(id)).length;
        if (score > bestScore) [best, bestScore] = [sense, score];
      }
      candidate.skill = best.skill;
    });
  }

  /**
   * Reads the items of a parenthesised list right after a mention with the mention's names in front
   * ("Azure (App Service, Service Bus)"): an item whose qualified name is a known skill replaces the
   * mentions inside it. Returns the mentions in text order.
   */
  private applyQualifiers(text: string, accepted: Candidate[]): Candidate[] {
    let result = accepted;
    for (const owner of accepted) {
      const list = QUALIFIED_LIST.exec(text.slice(owner.end, owner.end + 200));
      if (!list) continue;
      const listStart = owner.end + list[0].length - 1 - list[1].length;
      const prefixes = [text.slice(owner.start, owner.end), owner.skill.canonical, ...owner.skill.aliases];
      for (const item of splitItems(list[1], listStart)) {
        const id = this.qualified(prefixes, item.text);
        const skill = id === undefined ? undefined : this.byId.get(id);
        if (!skill || skill.id === owner.skill.id) continue;
        const inside = (c: Candidate) => c.start >= item.start && c.end <= item.end;
        const replaced = result.find(inside);
        if (replaced?.skill.id === skill.id) continue;
        const mention: Candidate = { ...(replaced ?? owner), skill, start: item.start, end: item.end };
        result = [...result.filter((c) => !inside(c)), mention].sort((a, b) => a.start - b.start);
      }
    }
    return result;
  }

  private qualified(prefixes: readonly string[], item: string): string | undefined {
    for (const prefix of prefixes) {
      const id = this.names.get(resolveKey(`${prefix} ${item}`));
      if (id !== undefined) return id;
    }
    return undefined;
  }
}

/** The items of a list ("Auth, Remote Config and Cloud Messaging"), with their offsets; long ones are skipped. */
function splitItems(list: string, offset: number): { text: string; start: number; end: number }[] {
  const items: { text: string; start: number; end: number }[] = [];
  let from = 0;
  const push = (to: number) => {
    const raw = list.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    const value = raw.trim();
    if (value !== '' && value.split(/\s+/).length <= MAX_ITEM_WORDS) {
      items.push({ text: value, start: offset + from + lead, end: offset + from + lead + value.length });
    }
  };
  ITEM_SEPARATOR.lastIndex = 0;
  for (let m = ITEM_SEPARATOR.exec(list); m; m = ITEM_SEPARATOR.exec(list)) {
    push(m.index);
    from = m.index + m[0].length;
  }
  push(list.length);
  return items;
}
