import {
  type EvidenceRef,
  type ProfileCertification,
  type ProfileEducation,
  type ProfileLanguage,
  type ProfileLink,
  type ProfilePosition,
  type ProfileProject,
  type ProfileSource,
  type SourcedValue,
} from '../candidate-profile';

/**
 * What one source says, in the profile's terms, before merging: each source extractor produces one of
 * these, and the merge rules combine them.
 */

export const IDENTITY_FIELDS = ['name', 'headline', 'summary', 'email', 'location'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

/** Words of a source that may name skills, with the fact they belong to. */
export interface TextPiece {
  text: string;
  ref: EvidenceRef;
}

/** A name a source gives as a skill or keyword (LinkedIn Skills.csv, JSON Resume skills, topics). */
export interface NamedSkill {
  name: string;
  ref: EvidenceRef;
}

export interface ProjectClaim extends Omit<ProfileProject, 'skills' | 'relevance' | 'relevanceFactors'> {
  texts: TextPiece[];
  keywords: NamedSkill[];
  /** The citation of the repository's language bytes, when it is a GitHub repository. */
  languagesRef: EvidenceRef | null;
}

export interface PositionClaim extends Omit<ProfilePosition, 'skills'> {
  texts: TextPiece[];
}

export interface SourceClaims {
  source: ProfileSource;
  identity: Partial<Record<IdentityField, SourcedValue>>;
  links: ProfileLink[];
  positions: PositionClaim[];
  education: ProfileEducation[];
  certifications: ProfileCertification[];
  languages: ProfileLanguage[];
  projects: ProjectClaim[];
  listedSkills: NamedSkill[];
}

export function emptyClaims(source: ProfileSource): SourceClaims {
  return {
    source,
    identity: {},
    links: [],
    positions: [],
    education: [],
    certifications: [],
    languages: [],
    projects: [],
    listedSkills: [],
  };
}

/** A SourcedValue for a non-empty trimmed string, else undefined. */
export function sourced(
  value: string | null | undefined,
  source: ProfileSource,
  ref: EvidenceRef,
): SourcedValue | undefined {
  const trimmed = value?.trim();
  return trimmed ? { value: trimmed, source, evidence: [ref] } : undefined;
}

/** The non-empty trimmed string, or null. */
export function textOrNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
