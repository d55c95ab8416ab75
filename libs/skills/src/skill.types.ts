/** What kind of skill an entry names. Closed set: the taxonomy data is validated against it. */
export type SkillCategory =
  | 'language'
  | 'framework'
  | 'library'
  | 'database'
  | 'cloud'
  | 'devops'
  | 'tool'
  | 'practice'
  | 'domain'
  | 'soft';

export const SKILL_CATEGORIES: readonly SkillCategory[] = Object.freeze([
  'language',
  'framework',
  'library',
  'database',
  'cloud',
  'devops',
  'tool',
  'practice',
  'domain',
  'soft',
]);

export interface SkillDefinition {
  /** Stable slug, e.g. 'typescript', 'cpp', 'csharp', 'dotnet', 'nodejs', 'react-native', 'go'. */
  readonly id: string;
  /** Display name, e.g. 'TypeScript', 'C++', 'Node.js', 'React Native', 'Go' (a language: its Linguist name). */
  readonly canonical: string;
  readonly category: SkillCategory;
  readonly aliases: readonly string[];
  /**
   * ids of related skills: evidence of one is partial evidence of the other (TypeScript ↔ JavaScript,
   * React Native → React, Kotlin ↔ Java, PostgreSQL → SQL, Next.js → React).
   */
  readonly related: readonly string[];
  /** 'linguist': a language from GitHub Linguist; 'taxonomy': an entry of libs/skills/data. */
  readonly source: 'linguist' | 'taxonomy';
}

/** A skill named in free prose. */
export interface SkillMention {
  readonly id: string;
  readonly canonical: string;
  readonly category: SkillCategory;
  /** Exactly `text.slice(start, end)` of the input. */
  readonly text: string;
  /** UTF-16 offsets into the input. */
  readonly start: number;
  readonly end: number;
}
