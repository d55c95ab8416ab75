import { type JobSeniority, type SeniorityLevel, type TextSpan } from './job-analysis.types';

/**
 * Level words in a job title, tried in order: the first that matches decides ("Senior Engineering Manager"
 * is a manager, "Staff Engineer" staff, "Senior Tech Lead" lead, "Engineer II" mid).
 */
const TITLE_LEVELS: readonly (readonly [SeniorityLevel, RegExp])[] = [
  ['intern', /\b(?:intern(?:ship)?|co-?op|working student|trainee|apprentice(?:ship)?|werkstudent)\b/i],
  [
    'manager',
    /\b(?:(?:engineering|software|development|delivery|technical|team|data|product) manager|manager|head of|director|vp|vice president|cto|chief \w+ officer)\b/i,
  ],
  ['principal', /\b(?:principal|distinguished|fellow)\b/i],
  ['staff', /\bstaff\b/i],
  ['lead', /\b(?:tech(?:nical)? lead|team lead|lead|leader)\b/i],
  [
    'senior',
    /\b(?:senior|sr\.?|snr|expert)(?=[\s.,/)-]|$)|\b(?:iii|iv|3|4)$|\b(?:engineer|developer|sde)[\s-]*(?:iii|iv|3|4)\b/i,
  ],
  [
    'mid',
    /\b(?:mid[- ]?level|mid[- ]?senior|mid|intermediate)\b|\b(?:engineer|developer|sde)[\s-]*(?:ii|2)\b|\bii$/i,
  ],
  [
    'junior',
    /\b(?:junior|jr\.?|graduate|grad|entry[- ]level|new grad|associate|early[- ]career)(?=[\s.,/)-]|$)|\b(?:engineer|developer|sde)[\s-]*(?:i|1)$/i,
  ],
];

/** A level named next to a role noun in the description ("We're hiring a senior backend engineer"). */
const ROLE_NOUN = String.raw`(?:[\w./+#-]+\s+){0,3}(?:engineer|developer|programmer|architect|scientist|analyst|designer|sre|devops|administrator|consultant|specialist|role|position|hire|candidate|intern)s?\b`;
const BODY_LEVELS: readonly (readonly [SeniorityLevel, RegExp])[] = [
  ['intern', /\b(?:summer |our )?intern(?:ship)?\b/i],
  ['manager', /\b(?:engineering manager|people manager|head of engineering)\b/i],
  ['principal', new RegExp(String.raw`\bprincipal[\s-]+${ROLE_NOUN}`, 'i')],
  ['staff', new RegExp(String.raw`\bstaff[\s-]+(?:level[\s-]+)?${ROLE_NOUN}`, 'i')],
  ['lead', /\b(?:tech(?:nical)? lead|team lead|lead (?:engineer|developer))\b/i],
  ['senior', new RegExp(String.raw`\b(?:senior|sr\.)[\s-]+(?:level[\s-]+)?${ROLE_NOUN}`, 'i')],
  ['mid', new RegExp(String.raw`\bmid[\s-]*(?:level[\s-]+)?${ROLE_NOUN}`, 'i')],
  [
    'junior',
    new RegExp(
      String.raw`\b(?:junior|jr\.|entry[\s-]level|graduate|new[\s-]grad)[\s-]+${ROLE_NOUN}|\bentry[\s-]level\b`,
      'i',
    ),
  ],
];

/** Duties that imply a level when nothing else says. */
const DUTY_LEVELS: readonly (readonly [SeniorityLevel, RegExp])[] = [
  [
    'manager',
    /\b(?:manage (?:a|the) team of|direct reports|people management|line manage\w*|hire and (?:grow|develop)|performance reviews)\b/i,
  ],
  [
    'staff',
    /\b(?:(?:set|own|define|shape|drive) (?:the )?(?:multi-year )?technical (?:direction|strategy|vision)|technical (?:direction|strategy|vision) (?:for|across)|across (?:multiple |several )?teams|cross-team technical)\b/i,
  ],
  ['lead', /\b(?:lead (?:a|the) (?:small )?team|tech(?:nical)? lead for)\b/i],
  ['senior', /\b(?:mentor\w*|coach\w*|lead (?:design|technical) (?:reviews|discussions))\b/i],
];

/**
 * The level a minimum of years implies: under 2 junior, 2-4 mid, 5-7 senior, 8 or more staff
 * (what job ladders at product companies commonly pair with those years).
 */
export function seniorityFromYears(minYears: number): SeniorityLevel {
  if (minYears < 2) return 'junior';
  if (minYears < 5) return 'mid';
  if (minYears < 8) return 'senior';
  return 'staff';
}

export function seniorityFromTitle(title: string): { level: SeniorityLevel; phrase: string } | undefined {
  for (const [level, pattern] of TITLE_LEVELS) {
    const found = pattern.exec(title);
    if (found) return { level, phrase: found[0].trim() };
  }
  return undefined;
}

export interface SeniorityEvidence {
  readonly title?: string;
  /** The description's role-describing text: the intro and role sections, before requirement lists. */
  readonly roleText: readonly TextSpan[];
  /** The description's duties: the responsibilities sections (or, with none, the whole description). */
  readonly dutyText: readonly TextSpan[];
  /** The overall minimum years and the phrase that states it. */
  readonly minYears?: { readonly years: number; readonly phrase: string };
}

function firstMatch(
  levels: readonly (readonly [SeniorityLevel, RegExp])[],
  spans: readonly TextSpan[],
): { level: SeniorityLevel; phrase: string } | undefined {
  for (const [level, pattern] of levels) {
    for (const span of spans) {
      const found = pattern.exec(span.text);
      if (found) return { level, phrase: found[0].trim() };
    }
  }
  return undefined;
}

/**
 * The seniority, decided by the first of: a level word in the title (which wins over the description), a
 * level named with the role in the intro ("a senior engineer"), the overall years asked
 * (`seniorityFromYears`), duties ("manage a team of" → manager, "own the technical direction" → staff,
 * "mentor" → senior), else `mid`. A title or description level is refined by stronger duties only for
 * manager (a "Lead" who manages a team of N is still `lead`; nothing overrides the title).
 */
export function classifySeniority(evidence: SeniorityEvidence): JobSeniority {
  if (evidence.title) {
    const fromTitle = seniorityFromTitle(evidence.title);
    if (fromTitle) return { level: fromTitle.level, source: 'title', decidedBy: [fromTitle.phrase] };
  }
  const fromBody = firstMatch(BODY_LEVELS, evidence.roleText);
  if (fromBody) return { level: fromBody.level, source: 'description', decidedBy: [fromBody.phrase] };
  if (evidence.minYears) {
    const level = seniorityFromYears(evidence.minYears.years);
    return { level, source: 'years', decidedBy: [evidence.minYears.phrase] };
  }
  const fromDuties = firstMatch(DUTY_LEVELS, evidence.dutyText);
  if (fromDuties)
    return { level: fromDuties.level, source: 'responsibilities', decidedBy: [fromDuties.phrase] };
  return { level: 'mid', source: 'default', decidedBy: [] };
}
