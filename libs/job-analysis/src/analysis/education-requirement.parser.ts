import { type DegreeLevel, type TextSpan } from './job-analysis.types';

/** Abbreviations count only before a degree context ("BSc in", "BS/MS", "MSc or"); they are case-sensitive. */
const ABBREVIATION_CONTEXT = String.raw`(?=[\s,/)]|$)(?=.*\b(?:degree|in|or)\b)`;

/** Degree wording by level, lowest first (a sentence naming several asks for the lowest). */
const DEGREE_LEVELS: readonly (readonly [DegreeLevel, readonly RegExp[]])[] = [
  ['associate', [/\bassociate'?s? degree\b/i]],
  [
    'bachelor',
    [
      /\bbachelor'?s?\b|\bbaccalaureate\b|\bundergraduate degree\b|\b(?:4|four)[- ]year degree\b/i,
      new RegExp(
        String.raw`\b(?:B\.?Sc\.?|B\.S\.|BS|B\.A\.|BA|BEng|B\.Eng\.?|BTech|B\.Tech\.?)${ABBREVIATION_CONTEXT}`,
      ),
    ],
  ],
  [
    'master',
    [
      /\bmaster'?s?\b(?! (?:of ceremonies|data|branch|node))/i,
      new RegExp(String.raw`\b(?:M\.?Sc\.?|M\.S\.|MS|MEng|M\.Eng\.?|MBA|M\.A\.)${ABBREVIATION_CONTEXT}`),
    ],
  ],
  ['phd', [/\bph\.?\s?d\b\.?|\bdoctorate\b|\bdoctoral\b|\bdphil\b/i]],
  [
    'degree',
    [
      /\b(?:university|college|academic|undergraduate|graduate|relevant|technical|stem|cs|engineering|science|a|an) degree\b|\bdegree(?= (?:in|or)\b)|\bdegree-level\b/i,
    ],
  ],
];

const NO_DEGREE =
  /\b(?:no|without a|don't need a|do not need a|doesn't require a|does not require a)\s+(?:\w+\s+){0,2}degree\b|\bdegrees? (?:is |are )?not (?:required|necessary|needed|a requirement)\b/i;
const EQUIVALENT =
  /\b(?:or|and\/or)\s+(?:an?\s+)?(?:equivalent|comparable)\b|\bequivalent (?:practical |professional |work |industry )?experience\b|\bin lieu of\b/i;
const FIELD_START =
  /\b(?:in|of)\s+(?!(?:a|an|the)\s+(?:related|similar|relevant|quantitative|technical)\b)/gi;
const FIELD_END =
  /,?\s*(?:(?:or|and|and\/or)\s+)?(?:an?\s+)?(?:equivalent|related|similar|comparable|relevant|other|quantitative)\b|[;.(:]|\s[-–—]\s|\b(?:with|from|is|are|preferred|required|plus|or higher|and\/or equivalent)\b/i;
const FIELD_SPLIT = /\s*,\s*(?:(?:or|and)\s+)?|\s+or\s+|\s+and\s+|\s*\/\s*/;

export interface EducationPhrase extends TextSpan {
  readonly level: DegreeLevel;
  readonly fields: readonly string[];
  readonly orEquivalentExperience: boolean;
  /** Where the (first) degree wording is, in the same offsets as the sentence. */
  readonly degree: { readonly start: number; readonly end: number };
}

/**
 * The degree a sentence (or list item) asks for: its level (the lowest named; `degree` when no level is),
 * its fields ("in Computer Science, Mathematics or a related field" → ["Computer Science", "Mathematics"])
 * and whether equivalent experience is accepted. Undefined when the sentence names no degree, or says none is
 * required.
 */
export function parseEducation(sentence: TextSpan): EducationPhrase | undefined {
  if (NO_DEGREE.test(sentence.text)) return undefined;
  let level: DegreeLevel | undefined;
  let levelEnd = -1;
  let first: { start: number; end: number } | undefined;
  for (const [candidate, patterns] of DEGREE_LEVELS) {
    for (const pattern of patterns) {
      const found = pattern.exec(sentence.text);
      if (!found) continue;
      if (level === undefined) level = candidate;
      const at = { start: sentence.start + found.index, end: sentence.start + found.index + found[0].length };
      if (first === undefined || at.start < first.start) first = at;
      levelEnd = Math.max(levelEnd, found.index + found[0].length);
    }
  }
  if (level === undefined || first === undefined) return undefined;
  return {
    degree: first,
    ...sentence,
    level,
    fields: fieldsAfter(sentence.text, levelEnd),
    orEquivalentExperience: EQUIVALENT.test(sentence.text),
  };
}

function fieldsAfter(text: string, from: number): string[] {
  FIELD_START.lastIndex = from;
  const start = FIELD_START.exec(text);
  if (!start || start.index - from > 30) return [];
  const rest = text.slice(start.index + start[0].length);
  const end = FIELD_END.exec(rest);
  const list = end ? rest.slice(0, end.index) : rest;
  return list
    .split(FIELD_SPLIT)
    .map((field) => field.trim().replace(/^(?:a|an|the)\s+/i, ''))
    .filter((field) => field.length > 1 && field.split(/\s+/).length <= 5);
}
