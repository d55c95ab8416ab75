import { type SkillCategory, type SkillMention, type SkillTaxonomy } from '@app/skills';

import { parseEducation } from './education-requirement.parser';
import { normalizeJobText, normalizeWhitespace } from './html-text';
import { findNiceCues, isNegated } from './importance-cues';
import {
  type EducationRequirement,
  type JobAnalysisInput,
  type JobAnalysisResult,
  type JobSection,
  type JobSectionKind,
  type JobSkillMention,
  type JobSkillRequirement,
  type SkillImportance,
  type TextSpan,
  type YearsRequirement,
} from './job-analysis.types';
import { segmentJobText } from './job-sections';
import { extractKeywords } from './keywords.extractor';
import { classifySeniority } from './seniority.classifier';
import { splitLines, splitSentences } from './text-lines';
import { findYearsPhrases, skillsForYears } from './years-requirement.parser';

/**
 * How each section kind counts:
 * - `list`: every skill named there counts (requirements, duties, preferences);
 * - `narrative`: prose about the company and the role mixed (the intro, "The role", unknown headings):
 *   a skill counts when its sentence speaks to the candidate or about the role ("you will", "we're looking
 *   for", "this role", "join") or when it sits in a list item;
 * - `ignored`: about the company, its stack "for context", the offer, the hiring process, EEO statements.
 *   Skills named only there are not requirements and are left out of `skills`.
 */
export const SECTION_POLICY: Readonly<Record<JobSectionKind, 'list' | 'narrative' | 'ignored'>> = {
  requirements: 'list',
  responsibilities: 'list',
  preferred: 'list',
  intro: 'narrative',
  role: 'narrative',
  other: 'narrative',
  about: 'ignored',
  context: 'ignored',
  benefits: 'ignored',
  process: 'ignored',
  eeo: 'ignored',
};

/**
 * A sentence of narrative text that speaks about the role rather than the company: it addresses the reader,
 * names the role, or talks in requirement words ("experience with", "is a plus").
 */
const ROLE_SENTENCE =
  /\b(?:you|your|you'll|you're|you've|yourself|looking for|we're hiring|we are hiring|hiring an?|candidate|this role|the role|this position|the position|join(?:ing)? (?:us|our|the)|experience (?:with|in|of)|\w+ experience (?:is|would)|familiar(?:ity)? with|knowledge of|proficien\w*|expertise in|a plus|bonus|nice to have|would be (?:nice|great)|ideally|preferabl[ey]|preferred|required|must have)\b/i;

/** Categories a title's skill must have to count ("Go Engineer" names Go; "Data Science Intern" names no requirement). */
const TITLE_CATEGORIES = new Set<SkillCategory>([
  'language',
  'framework',
  'library',
  'database',
  'cloud',
  'devops',
  'tool',
]);

interface CountedSentence extends TextSpan {
  readonly section: JobSection;
  /** The parts whose mentions count: the whole sentence, or a narrative sentence's role clauses. */
  readonly parts: readonly TextSpan[];
}

/**
 * A deterministic, explainable job-description analyser: no model, a handful of linear passes over the
 * text. See `JobAnalysisResult` for what it returns and `SECTION_POLICY` for which parts of a description
 * count.
 */
export class JobDescriptionAnalyzer {
  constructor(private readonly taxonomy: Pick<SkillTaxonomy, 'findMentions' | 'resolve'>) {}

  analyze(input: JobAnalysisInput): JobAnalysisResult {
    const { text, format } = normalizeJobText(input.text);
    const title =
      input.title === undefined ? undefined : normalizeWhitespace(input.title).replace(/\n+/g, ' ');
    const sections = segmentJobText(text);
    const sentences = countedSentences(text, sections);
    const mentions = this.taxonomy.findMentions(text);

    const skillMentions = new Map<string, { mention: SkillMention; counted: JobSkillMention }[]>();
    const addMention = (mention: SkillMention, counted: JobSkillMention) => {
      const list = skillMentions.get(mention.id) ?? [];
      list.push({ mention, counted });
      skillMentions.set(mention.id, list);
    };
    if (title) {
      for (const mention of this.taxonomy.findMentions(title)) {
        if (!TITLE_CATEGORIES.has(mention.category)) continue;
        addMention(mention, { ...span(mention), source: 'title', section: 'intro', importance: 'must' });
      }
    }

    const years: YearsRequirement[] = [];
    const education: EducationRequirement[] = [];
    let cursor = 0;
    for (const sentence of sentences) {
      while (cursor < mentions.length && mentions[cursor].start < sentence.start) cursor++;
      const inParts = (at: TextSpan) =>
        sentence.parts.some((part) => at.start >= part.start && at.end <= part.end);
      const inSentence: SkillMention[] = [];
      for (let k = cursor; k < mentions.length && mentions[k].start < sentence.end; k++) {
        if (mentions[k].end <= sentence.end && inParts(mentions[k])) inSentence.push(mentions[k]);
      }
      const phrases = findYearsPhrases(text, sentence.start, sentence.end).filter(inParts);
      const degree = parseEducation(sentence);
      const targets = [...inSentence, ...phrases, ...(degree ? [degree.degree] : [])];
      const cues = findNiceCues(text, sentence, targets);
      const importanceOf = (index: number): { importance: SkillImportance; cue?: string } => {
        if (sentence.section.kind === 'preferred')
          return { importance: 'nice', cue: sentence.section.heading };
        const cue = cues.get(index);
        return cue === undefined ? { importance: 'must' } : { importance: 'nice', cue };
      };

      inSentence.forEach((mention, index) => {
        if (isNegated(text, mention) || namesAnOrganisation(text, mention)) return;
        addMention(mention, {
          ...span(mention),
          source: 'text',
          section: sentence.section.kind,
          ...importanceOf(index),
        });
      });
      phrases.forEach((phrase, p) => {
        const bound = skillsForYears(text, phrase, inSentence);
        years.push({
          ...span(phrase),
          min: phrase.min,
          ...(phrase.max !== undefined && { max: phrase.max }),
          skillIds: [...new Set(bound.map((index) => inSentence[index].id))],
          importance: importanceOf(inSentence.length + p).importance,
        });
      });
      if (degree) {
        education.push({
          ...span(sentence),
          level: degree.level,
          fields: degree.fields,
          orEquivalentExperience: degree.orEquivalentExperience,
          importance: importanceOf(targets.length - 1).importance,
        });
      }
    }

    const skills = this.skillsFrom(skillMentions, years);
    const minYearsPhrase = overallYears(years);
    const roleText = sections
      .filter((s) => s.kind === 'intro' || s.kind === 'role')
      .map((s) => sliceOf(text, s));
    const duties = sections.filter((s) => s.kind === 'responsibilities').map((s) => sliceOf(text, s));
    const seniority = classifySeniority({
      title,
      roleText,
      dutyText: duties.length > 0 ? duties : sentences,
      minYears: minYearsPhrase && { years: minYearsPhrase.min, phrase: minYearsPhrase.text },
    });
    const keywordRanges = sections.filter((s) => SECTION_POLICY[s.kind] === 'list');
    const keywords = extractKeywords(
      text,
      keywordRanges.length > 0 ? keywordRanges : sentences,
      mentions,
      (term) => this.taxonomy.resolve(term) !== undefined,
    );

    return {
      text,
      ...(title !== undefined && { title }),
      format,
      sections,
      skills,
      seniority,
      ...(minYearsPhrase && { minYears: minYearsPhrase.min }),
      years,
      education,
      responsibilities: responsibilitiesOf(text, sections),
      keywords,
    };
  }

  private skillsFrom(
    skillMentions: ReadonlyMap<string, readonly { mention: SkillMention; counted: JobSkillMention }[]>,
    years: readonly YearsRequirement[],
  ): JobSkillRequirement[] {
    const skills: (JobSkillRequirement & { first: number })[] = [];
    for (const [id, list] of skillMentions) {
      const { mention } = list[0];
      const counted = list.map((entry) => entry.counted);
      const stated = years.filter((y) => y.skillIds.includes(id));
      const mustYears = stated.filter((y) => y.importance === 'must');
      const minYears = Math.min(...(mustYears.length > 0 ? mustYears : stated).map((y) => y.min));
      skills.push({
        id,
        canonical: mention.canonical,
        category: mention.category,
        importance: counted.some((m) => m.importance === 'must') ? 'must' : 'nice',
        ...(Number.isFinite(minYears) && minYears > 0 && { minYears }),
        mentions: counted,
        first: counted[0].source === 'title' ? -1 : counted[0].start,
      });
    }
    return skills
      .sort((a, b) => Number(a.importance === 'nice') - Number(b.importance === 'nice') || a.first - b.first)
      .map(({ first: _first, ...skill }) => skill);
  }
}

const span = (value: TextSpan): TextSpan => ({ text: value.text, start: value.start, end: value.end });
const sliceOf = (text: string, range: { start: number; end: number }): TextSpan => ({
  text: text.slice(range.start, range.end),
  start: range.start,
  end: range.end,
});

/** The sentences whose skills, years and degrees count, per `SECTION_POLICY`, with their section. */
function countedSentences(text: string, sections: readonly JobSection[]): CountedSentence[] {
  const bulletLines = new Set(
    splitLines(text)
      .filter((line) => line.bullet)
      .map((line) => line.start),
  );
  const lineStart = (at: number) => text.lastIndexOf('\n', at - 1) + 1;
  const counted: CountedSentence[] = [];
  for (const section of sections) {
    const policy = SECTION_POLICY[section.kind];
    if (policy === 'ignored') continue;
    for (const sentence of splitSentences(text, section.start, section.end)) {
      const parts =
        policy === 'list' || bulletLines.has(lineStart(sentence.start))
          ? [sentence]
          : roleClauses(text, sentence);
      if (parts.length > 0) counted.push({ ...sentence, section, parts });
    }
  }
  return counted;
}

const ORGANISATION_AFTER =
  /^(?:\s+[A-Z&][\w&-]*){0,2}\s+(?:teams?|squads?|groups?|guilds?|tribes?|chapters?|organi[sz]ations?|departments?|functions?|divisions?|leads?|managers?)\b/;
const ORGANISATION_BEFORE =
  /\b(?:head|heads|director|directors|vp|vice president|chief)\s+of\s+(?:the\s+)?$/i;

/**
 * A capitalised mention that names a team or a person's remit, not a skill: "the Data Platform team",
 * "the Payments Core squad", "the Android lead", "Directors of Data Science".
 */
function namesAnOrganisation(text: string, mention: TextSpan): boolean {
  if (!/^\p{Lu}/u.test(mention.text)) return false;
  return (
    ORGANISATION_AFTER.test(text.slice(mention.end, mention.end + 60)) ||
    ORGANISATION_BEFORE.test(text.slice(Math.max(0, mention.start - 30), mention.start))
  );
}

/**
 * The parts of a narrative sentence that speak about the role: its clauses (split at ":" and ";") that say
 * "you", "this role", "we're looking for", ..., without parenthesised asides that do not ("join a team of
 * five (three Android, two iOS)").
 */
function roleClauses(text: string, sentence: TextSpan): TextSpan[] {
  const clauses: TextSpan[] = [];
  let from = sentence.start;
  let depth = 0;
  const asides: { start: number; end: number }[] = [];
  let asideStart = -1;
  const close = (to: number) => {
    const clauseAsides = asides.filter((aside) => aside.start >= from && aside.end <= to);
    const outer = clauseAsides.reduceRight(
      (acc, aside) =>
        acc.slice(0, aside.start - from) + ' '.repeat(aside.end - aside.start) + acc.slice(aside.end - from),
      text.slice(from, to),
    );
    if (ROLE_SENTENCE.test(outer)) {
      let pieceStart = from;
      for (const aside of clauseAsides) {
        if (ROLE_SENTENCE.test(text.slice(aside.start, aside.end))) continue;
        if (aside.start > pieceStart) clauses.push(sliceOf(text, { start: pieceStart, end: aside.start }));
        pieceStart = aside.end;
      }
      if (to > pieceStart) clauses.push(sliceOf(text, { start: pieceStart, end: to }));
    }
    from = to;
  };
  for (let i = sentence.start; i < sentence.end; i++) {
    const char = text[i];
    if (char === '(') {
      if (depth === 0) asideStart = i;
      depth++;
    } else if (char === ')' && depth > 0) {
      depth--;
      if (depth === 0) asides.push({ start: asideStart, end: i + 1 });
    } else if (depth === 0 && (char === ';' || (char === ':' && !/\d/.test(text[i + 1] ?? '')))) {
      close(i + 1);
    }
  }
  close(sentence.end);
  return clauses.filter((clause) => clause.text.trim() !== '');
}

/** The overall minimum: the highest lower bound stated in a must context, when above zero. */
function overallYears(years: readonly YearsRequirement[]): YearsRequirement | undefined {
  let best: YearsRequirement | undefined;
  for (const entry of years) {
    if (entry.importance !== 'must' || entry.min <= 0) continue;
    if (!best || entry.min > best.min) best = entry;
  }
  return best;
}

/**
 * The items of the responsibilities sections: each list item, or each sentence of prose. The heading line is
 * left out, apart from what follows an inline heading ("Your tasks: build APIs").
 */
function responsibilitiesOf(text: string, sections: readonly JobSection[]): TextSpan[] {
  const items: TextSpan[] = [];
  for (const section of sections) {
    if (section.kind !== 'responsibilities') continue;
    splitLines(text.slice(section.start, section.end)).forEach((line, index) => {
      if (line.text.trim() === '') return;
      const start = section.start + line.contentStart;
      const end = section.start + line.end;
      const heading = index === 0 ? section.heading : undefined;
      if (heading !== undefined && line.text.includes(heading)) {
        const rest = line.text.slice(line.text.indexOf(heading) + heading.length);
        const content = /^\s*:?\s*\**\s*(\S.*)$/.exec(rest);
        if (content) items.push(sliceOf(text, { start: end - content[1].length, end }));
        return;
      }
      if (line.bullet) items.push(sliceOf(text, { start, end }));
      else items.push(...splitSentences(text, section.start + line.start, end));
    });
  }
  return items;
}
