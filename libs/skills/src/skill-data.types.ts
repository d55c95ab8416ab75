/** Shapes of the JSON files in libs/skills/data (see libs/skills/README.md). Validated at load. */

/** One curated skill (data/taxonomy/*.json). */
export interface TaxonomyEntryData {
  readonly id: string;
  readonly canonical: string;
  readonly category: string;
  /** Other names and spellings; matched by `resolve()` and, when they read as prose, by `findMentions()`. */
  readonly aliases?: readonly string[];
  /** Names accepted by `resolve()` only (too ambiguous for free prose). */
  readonly resolveOnly?: readonly string[];
  readonly related?: readonly string[];
  /**
   * Set for names that are not skills a posting asks for but the field it is in: 'area' (a discipline or role
   * family: Backend development, Data science, Quality assurance) or 'sector' (an industry: Banking,
   * Healthcare). Such entries resolve, but `findMentions()` never finds them in free prose.
   */
  readonly kind?: string;
}

/** One taxonomy file, named so that a validation error can point at it. */
export interface TaxonomyFileData {
  readonly file: string;
  readonly entries: readonly TaxonomyEntryData[];
}

/** data/languages.json: how GitHub Linguist's languages become skills. Keys are Linguist names. */
export interface LanguageOverridesData {
  /** Markup and data languages kept as skills (every `programming` language is kept). */
  readonly include: readonly string[];
  /** Linguist languages that name a curated skill: Linguist name → taxonomy id (Vue → vue, Dockerfile → docker). */
  readonly mapToTaxonomy: Readonly<Record<string, string>>;
  /** Extra aliases, matched by `resolve()` (Linguist's own aliases are always added). */
  readonly aliases: Readonly<Record<string, readonly string[]>>;
  /** ids of related skills (a Linguist `group` parent is added automatically). */
  readonly related: Readonly<Record<string, readonly string[]>>;
  /**
   * The allow-list of languages `findMentions()` may find in free prose: Linguist name → extra phrases
   * (the name itself is always a phrase). No other language is ever found in prose.
   */
  readonly prose: Readonly<Record<string, readonly string[]>>;
}

/** When a guarded phrase needs more evidence that it names the skill. */
export type ProseContext = 'none' | 'sentence-start' | 'always' | 'list';

/** A disambiguation rule for one ambiguous prose phrase of one skill (data/disambiguation.json). */
export interface ProseRuleData {
  readonly skill: string;
  /** The phrase as written in the skill's names, e.g. "Go", "R", "Spring". */
  readonly phrase: string;
  /** The text must be written exactly as one of these (case-sensitive); absent: any case. */
  readonly cased?: readonly string[];
  /**
   * 'none' (default): no context needed; 'sentence-start': context needed when the phrase opens a sentence
   * or list item; 'always': context always needed; 'list': only an enumeration with another skill counts.
   * Context is an enumeration with an accepted skill ("Go or Rust", "C/C++") or a cue word nearby.
   */
  readonly context?: ProseContext;
  /** Previous word (lower case) that rejects the mention: "grade" R, "taylor" Swift. */
  readonly notBefore?: readonly string[];
  /** Next word (lower case) that rejects the mention: Rust "belt", Go "to"; "#num" stands for any number. */
  readonly notAfter?: readonly string[];
  /** Text right before the mention that rejects it (case-insensitive), e.g. "cup of ". */
  readonly notPrecededBy?: readonly string[];
  /** Text right after the mention that rejects it (case-insensitive), e.g. "&" (R&D), "-level" (C-level). */
  readonly notFollowedBy?: readonly string[];
  /** Cue words for this phrase, on top of the shared ones. */
  readonly cues?: readonly string[];
}

/**
 * A prose phrase with several meanings ("IAM": identity and access management in general, or AWS IAM): the
 * first skill is the default (it owns the phrase, see `aliasOwners`), the others must also claim the phrase
 * among their names. In prose the meaning whose related skills are named in the same sentence wins.
 */
export interface SenseData {
  readonly phrase: string;
  readonly skills: readonly string[];
}

/** data/disambiguation.json. */
export interface DisambiguationData {
  /** A name claimed by several skills → the skill it means (e.g. "node" → nodejs, not JavaScript). */
  readonly aliasOwners: Readonly<Record<string, string>>;
  /** Phrases whose meaning depends on the skills named around them. */
  readonly senses?: readonly SenseData[];
  /** Words (one token, lower case) that mark technical context near a guarded phrase. */
  readonly cues: readonly string[];
  readonly rules: readonly ProseRuleData[];
}

/** The subset of a GitHub Linguist language record we read. */
export interface LinguistLanguage {
  readonly name: string;
  readonly type: string;
  readonly aliases?: readonly string[];
  readonly group?: string;
}

/** Everything a taxonomy is built from. */
export interface SkillTaxonomyData {
  readonly taxonomy: readonly TaxonomyFileData[];
  readonly languages: LanguageOverridesData;
  readonly disambiguation: DisambiguationData;
  readonly linguist: readonly LinguistLanguage[];
}
