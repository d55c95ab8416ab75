/**
 * The CandidateProfile: everything LLMployable knows about a candidate, normalised from their sources
 * (GitHub, a LinkedIn data export, a JSON Resume), in which every skill, project, position, education entry
 * and certification cites the facts it came from. Plain JSON-safe objects; dates are ISO strings
 * (`YYYY`, `YYYY-MM` or `YYYY-MM-DD` for the candidate's own dates).
 *
 * Every `evidence` reference `{ kind, id }` resolves to an entry of `evidence` (the profile's fact index)
 * with the same id, and every fact there points at the source record it was made from.
 */
import { type EvidenceKind } from '@app/resumes';
import { type SkillCategory } from '@app/skills';

export const PROFILE_SOURCES = ['github', 'linkedin', 'json_resume'] as const;
export type ProfileSource = (typeof PROFILE_SOURCES)[number];

/** A citation: the fact's kind and id (as in a resume document's `evidence`), with its link and words. */
export interface EvidenceRef {
  kind: EvidenceKind;
  id: string;
  url?: string;
  excerpt?: string;
}

/** One fact of the index: where it is in its source (a URL, a file and line, a JSON pointer). */
export interface EvidenceFact {
  id: string;
  kind: EvidenceKind;
  source: ProfileSource;
  /** What the fact is, for people: `octocat/hello-world (GitHub repository)`, `Positions.csv line 3`. */
  label: string;
  url?: string;
  /** LinkedIn: `Positions.csv:3`; JSON Resume: the JSON pointer into the imported document. */
  location?: string;
  /** Words of the source, cut to 300 characters. */
  excerpt?: string;
}

/** A value one source gave, with the citation for it. */
export interface SourcedValue {
  value: string;
  source: ProfileSource;
  evidence: EvidenceRef[];
}

export interface ProfileLink {
  /** `github`, `linkedin`, `website`, `twitter`, or the label the source gave. */
  label: string;
  url: string;
  evidence: EvidenceRef[];
}

export interface ProfileIdentity {
  name?: SourcedValue;
  headline?: SourcedValue;
  summary?: SourcedValue;
  email?: SourcedValue;
  location?: SourcedValue;
  links: ProfileLink[];
}

export const SKILL_LEVELS = ['strong', 'working', 'familiar'] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

/** The evidence behind a skill, as numbers (inputs of `strength`, see skill-strength.ts). */
export interface SkillSignals {
  /** Bytes of code in the candidate's own (non-fork) repositories. */
  languageBytes: number;
  /**
   * Projects that use it: own repositories by language share (≥ 10 % or primary), topic or text; LinkedIn
   * and JSON Resume projects by text and keywords.
   */
  projectCount: number;
  /** Stars of those repositories. */
  stars: number;
  /** Positions (LinkedIn, JSON Resume) that name it. */
  positionCount: number;
  /** Years of those positions, overlaps counted once. */
  positionYears: number;
  /** Sources that list it as a skill (LinkedIn Skills.csv, JSON Resume `skills`). */
  listedBy: ProfileSource[];
  /** The last time evidence shows it in use (`YYYY-MM` or `YYYY-MM-DD`); null when undated. */
  lastUsed: string | null;
}

export interface ProfileSkill {
  /** The taxonomy id (`typescript`), or `custom:<name>` for a skill the taxonomy does not know. */
  id: string;
  canonical: string;
  category: SkillCategory | 'other';
  /** 0–100, from the signals (formula in skill-strength.ts and the README). */
  strength: number;
  level: SkillLevel;
  signals: SkillSignals;
  evidence: EvidenceRef[];
}

export interface RelevanceFactors {
  stars: number;
  forks: number;
  recency: number;
  size: number;
  documentation: number;
  pinned: number;
}

export interface ProjectRepo {
  fullName: string;
  url: string;
  stars: number;
  forks: number;
  fork: boolean;
  archived: boolean;
  pinned: boolean;
  primaryLanguage: string | null;
  languages: Record<string, number>;
  topics: string[];
  homepage: string | null;
  license: string | null;
  createdAt: string | null;
  pushedAt: string | null;
  readmeChars: number;
}

export interface ProfileProject {
  /** `github_repo:<owner/name>`, `linkedin_project:<n>` or `json_resume:/projects/<n>`: its first source. */
  id: string;
  name: string;
  description: string | null;
  url: string | null;
  startDate: string | null;
  endDate: string | null;
  /** The GitHub repository behind it, when there is one. */
  repo: ProjectRepo | null;
  /** Skill ids the project shows (its languages, topics, and skills named in its text). */
  skills: string[];
  /** 0–100 (formula in project-relevance.ts and the README); projects are listed by it, highest first. */
  relevance: number;
  relevanceFactors: RelevanceFactors;
  sources: ProfileSource[];
  evidence: EvidenceRef[];
}

export interface ProfilePosition {
  company: string;
  title: string;
  location: string | null;
  startDate: string | null;
  /** null with `current: true` for a position held now; null with `current: false` when unknown. */
  endDate: string | null;
  current: boolean;
  summary: string | null;
  highlights: string[];
  skills: string[];
  sources: ProfileSource[];
  evidence: EvidenceRef[];
}

export interface ProfileEducation {
  institution: string;
  degree: string | null;
  field: string | null;
  startDate: string | null;
  endDate: string | null;
  sources: ProfileSource[];
  evidence: EvidenceRef[];
}

export interface ProfileCertification {
  name: string;
  issuer: string | null;
  date: string | null;
  url: string | null;
  sources: ProfileSource[];
  evidence: EvidenceRef[];
}

export interface ProfileLanguage {
  name: string;
  proficiency: string | null;
  sources: ProfileSource[];
  evidence: EvidenceRef[];
}

/** Where two sources disagreed, what was kept and by which rule (see profile-merge.rules.ts). */
export interface MergeConflict {
  /** What the values are of: `identity.name`, `positions[Acme].title`. */
  field: string;
  rule: string;
  kept: { source: ProfileSource; value: string };
  discarded: { source: ProfileSource; value: string }[];
}

export interface CandidateProfileData {
  identity: ProfileIdentity;
  skills: ProfileSkill[];
  projects: ProfileProject[];
  positions: ProfilePosition[];
  education: ProfileEducation[];
  certifications: ProfileCertification[];
  languages: ProfileLanguage[];
  conflicts: MergeConflict[];
  evidence: EvidenceFact[];
}
