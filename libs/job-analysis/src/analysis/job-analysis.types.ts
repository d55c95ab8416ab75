import { type SkillCategory } from '@app/skills';

/** A slice of a text: `text === source.slice(start, end)`. Which source is stated where the span is used. */
export interface TextSpan {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export type SkillImportance = 'must' | 'nice';

export const SENIORITY_LEVELS = [
  'intern',
  'junior',
  'mid',
  'senior',
  'staff',
  'principal',
  'lead',
  'manager',
] as const;
export type SeniorityLevel = (typeof SENIORITY_LEVELS)[number];

/**
 * What a part of a description is, from its heading (or, before the first heading, `intro`).
 * Skills count in `intro`, `role`, `responsibilities`, `requirements`, `preferred` and `other`
 * (see `SECTION_POLICY`); the rest describe the company or the offer and never make a skill required.
 */
export type JobSectionKind =
  | 'intro'
  | 'about'
  | 'role'
  | 'responsibilities'
  | 'requirements'
  | 'preferred'
  | 'context'
  | 'benefits'
  | 'process'
  | 'eeo'
  | 'other';

export interface JobSection {
  readonly kind: JobSectionKind;
  /** The heading as written, without markup (`## `, `**`, the trailing colon); absent for `intro`. */
  readonly heading?: string;
  /** Offsets into `JobAnalysisResult.text`, heading included. */
  readonly start: number;
  readonly end: number;
}

/** One place a skill is named. Offsets refer to `JobAnalysisResult.text`, or to `.title` when `source` is `title`. */
export interface JobSkillMention extends TextSpan {
  readonly source: 'text' | 'title';
  readonly section: JobSectionKind;
  readonly importance: SkillImportance;
  /** The section heading or inline cue ("is a plus", "ideally") that made this mention `nice`. */
  readonly cue?: string;
}

export interface JobSkillRequirement {
  /** The taxonomy id. */
  readonly id: string;
  readonly canonical: string;
  readonly category: SkillCategory;
  /** `must` when any counted mention is in a must context; `nice` when all are in nice contexts. */
  readonly importance: SkillImportance;
  /** The lowest "N years of X" stated for this skill in a must context (else in any context). */
  readonly minYears?: number;
  /** The mentions that were counted (mentions in company, benefits or EEO text are left out). */
  readonly mentions: readonly JobSkillMention[];
}

export interface JobSeniority {
  readonly level: SeniorityLevel;
  /** What decided: a title word, a level word in the description, the years asked, the duties, or the default. */
  readonly source: 'title' | 'description' | 'years' | 'responsibilities' | 'default';
  /** The phrases that decided it, as written ("Senior", "5+ years", "manage a team of"). */
  readonly decidedBy: readonly string[];
}

/** "5+ years of Python", "3-5 years", "at least three years' experience with Go". Offsets into `text`. */
export interface YearsRequirement extends TextSpan {
  readonly min: number;
  /** The upper bound of a range ("3-5 years" → 5). */
  readonly max?: number;
  /** The skills the years are stated for; empty for a general requirement. */
  readonly skillIds: readonly string[];
  readonly importance: SkillImportance;
}

export type DegreeLevel = 'associate' | 'bachelor' | 'master' | 'phd' | 'degree';

/** "BSc in Computer Science or equivalent experience". Offsets into `text` (the whole sentence or item). */
export interface EducationRequirement extends TextSpan {
  /** `degree` when a degree is asked without a level ("a degree in engineering"); the lowest level named otherwise. */
  readonly level: DegreeLevel;
  readonly fields: readonly string[];
  readonly orEquivalentExperience: boolean;
  readonly importance: SkillImportance;
}

/** A salient term the taxonomy does not know ("SOC 2", "OAuth2"), counted in the requirement sections. */
export interface JobKeyword {
  readonly term: string;
  readonly count: number;
  readonly mentions: readonly TextSpan[];
}

export interface JobAnalysisInput {
  /** Plain text, Markdown or HTML. */
  readonly text: string;
  readonly title?: string;
}

export interface JobAnalysisResult {
  /**
   * The normalised description every offset refers to: HTML stripped (block tags → line breaks, `<li>` →
   * "- " lines, `<hN>` → "#" headings, entities decoded), line endings `\n`, curly quotes straight,
   * spaces collapsed, lines trimmed, at most one blank line in a row.
   */
  readonly text: string;
  /** The title, trimmed and normalised the same way; title mentions' offsets refer to it. */
  readonly title?: string;
  readonly format: 'text' | 'html';
  readonly sections: readonly JobSection[];
  /** Must skills first, then nice; each group in order of first mention. */
  readonly skills: readonly JobSkillRequirement[];
  readonly seniority: JobSeniority;
  /** The overall minimum years: the highest lower bound stated in a must context, when above zero. */
  readonly minYears?: number;
  readonly years: readonly YearsRequirement[];
  readonly education: readonly EducationRequirement[];
  /** The items (bullets, or sentences of prose) of the responsibilities sections. Offsets into `text`. */
  readonly responsibilities: readonly TextSpan[];
  readonly keywords: readonly JobKeyword[];
}
