import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EVIDENCE_KINDS, type EvidenceKind, EvidenceRefDto } from '@app/resumes';
import { SKILL_CATEGORIES, type SkillCategory } from '@app/skills';

import {
  type CandidateProfileData,
  PROFILE_SOURCES,
  type ProfileSource,
  SKILL_LEVELS,
  type SkillLevel,
} from '../profile/candidate-profile';

/** Response DTOs of the CandidateProfile (the shapes of profile/candidate-profile.ts, documented). */

const SOURCES = { enum: PROFILE_SOURCES } as const;
const nullableString = (description?: string, example?: string) =>
  ApiProperty({
    type: String,
    nullable: true,
    ...(description ? { description } : {}),
    ...(example ? { example } : {}),
  });
const sourcesProperty = () =>
  ApiProperty({ ...SOURCES, isArray: true, description: 'The sources that gave this entry' });
const evidenceProperty = (description = 'The facts this entry comes from (each resolves in `evidence`)') =>
  ApiProperty({ type: [EvidenceRefDto], description });

export class EvidenceFactDto {
  @ApiProperty({ example: 'github_repo:octocat/hello-world' }) id!: string;
  @ApiProperty({ enum: EVIDENCE_KINDS, example: 'github_repo' }) kind!: EvidenceKind;
  @ApiProperty(SOURCES) source!: ProfileSource;
  @ApiProperty({ example: 'octocat/hello-world (GitHub repository)' }) label!: string;
  @ApiPropertyOptional({ example: 'https://github.com/octocat/hello-world' }) url?: string;
  @ApiPropertyOptional({
    description: 'LinkedIn: `File.csv:line`; JSON Resume: the JSON pointer into the imported document',
    example: 'Positions.csv:3',
  })
  location?: string;
  @ApiPropertyOptional({ description: 'Words of the source (at most 300 characters)' }) excerpt?: string;
}

export class SourcedValueDto {
  @ApiProperty() value!: string;
  @ApiProperty(SOURCES) source!: ProfileSource;
  @evidenceProperty() evidence!: EvidenceRefDto[];
}

export class CandidateProfileLinkDto {
  @ApiProperty({
    example: 'github',
    description: '`github`, `linkedin`, `website`, `twitter` or the source’s label',
  })
  label!: string;
  @ApiProperty({ example: 'https://github.com/octocat' }) url!: string;
  @evidenceProperty() evidence!: EvidenceRefDto[];
}

export class ProfileIdentityDto {
  @ApiPropertyOptional({ type: SourcedValueDto }) name?: SourcedValueDto;
  @ApiPropertyOptional({ type: SourcedValueDto }) headline?: SourcedValueDto;
  @ApiPropertyOptional({ type: SourcedValueDto }) summary?: SourcedValueDto;
  @ApiPropertyOptional({ type: SourcedValueDto }) email?: SourcedValueDto;
  @ApiPropertyOptional({ type: SourcedValueDto }) location?: SourcedValueDto;
  @ApiProperty({ type: [CandidateProfileLinkDto] }) links!: CandidateProfileLinkDto[];
}

export class SkillSignalsDto {
  @ApiProperty({ description: 'Bytes of code in the candidate’s own (non-fork) repositories' })
  languageBytes!: number;
  @ApiProperty({
    description: 'Projects using it (language share ≥ 10 % or primary, topic, keyword or text)',
  })
  projectCount!: number;
  @ApiProperty({ description: 'Stars of those repositories' }) stars!: number;
  @ApiProperty({ description: 'Positions that name it' }) positionCount!: number;
  @ApiProperty({ description: 'Years of those positions, overlaps counted once' }) positionYears!: number;
  @ApiProperty({ ...SOURCES, isArray: true, description: 'Sources that list it as a skill' })
  listedBy!: ProfileSource[];
  @nullableString('Last time the evidence shows it in use', '2026-05') lastUsed!: string | null;
}

export class ProfileSkillDto {
  @ApiProperty({ example: 'typescript', description: 'Taxonomy id, or `custom:<name>` for an unknown skill' })
  id!: string;
  @ApiProperty({ example: 'TypeScript' }) canonical!: string;
  @ApiProperty({ enum: [...SKILL_CATEGORIES, 'other'], example: 'language' })
  category!: SkillCategory | 'other';
  @ApiProperty({ minimum: 0, maximum: 100, description: 'From the signals; formula in the README' })
  strength!: number;
  @ApiProperty({ enum: SKILL_LEVELS, description: '`strong` from 50, `working` from 25' }) level!: SkillLevel;
  @ApiProperty({ type: SkillSignalsDto }) signals!: SkillSignalsDto;
  @evidenceProperty('At most 12 citations, strongest first') evidence!: EvidenceRefDto[];
}

export class RelevanceFactorsDto {
  @ApiProperty({ minimum: 0, maximum: 1 }) stars!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) forks!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) recency!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) size!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) documentation!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) pinned!: number;
}

export class ProjectRepoDto {
  @ApiProperty({ example: 'octocat/hello-world' }) fullName!: string;
  @ApiProperty() url!: string;
  @ApiProperty() stars!: number;
  @ApiProperty() forks!: number;
  @ApiProperty() fork!: boolean;
  @ApiProperty() archived!: boolean;
  @ApiProperty({ description: 'Pinned on the GitHub profile (known only with a GitHub token)' })
  pinned!: boolean;
  @nullableString() primaryLanguage!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Bytes per language',
  })
  languages!: Record<string, number>;
  @ApiProperty({ type: [String] }) topics!: string[];
  @nullableString() homepage!: string | null;
  @nullableString('SPDX id', 'MIT') license!: string | null;
  @nullableString() createdAt!: string | null;
  @nullableString() pushedAt!: string | null;
  @ApiProperty({ description: 'Characters of README text' }) readmeChars!: number;
}

export class ProfileProjectDto {
  @ApiProperty({ example: 'github_repo:octocat/hello-world' }) id!: string;
  @ApiProperty() name!: string;
  @nullableString() description!: string | null;
  @nullableString() url!: string | null;
  @nullableString() startDate!: string | null;
  @nullableString() endDate!: string | null;
  @ApiProperty({ type: ProjectRepoDto, nullable: true }) repo!: ProjectRepoDto | null;
  @ApiProperty({ type: [String], description: 'Skill ids the project shows' }) skills!: string[];
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Orders the projects; formula in the README' })
  relevance!: number;
  @ApiProperty({ type: RelevanceFactorsDto }) relevanceFactors!: RelevanceFactorsDto;
  @sourcesProperty() sources!: ProfileSource[];
  @evidenceProperty() evidence!: EvidenceRefDto[];
}

export class ProfilePositionDto {
  @ApiProperty() company!: string;
  @ApiProperty() title!: string;
  @nullableString() location!: string | null;
  @nullableString(undefined, '2021-03') startDate!: string | null;
  @nullableString('null while `current`, or when unknown') endDate!: string | null;
  @ApiProperty() current!: boolean;
  @nullableString() summary!: string | null;
  @ApiProperty({ type: [String] }) highlights!: string[];
  @ApiProperty({ type: [String], description: 'Skill ids the position names' }) skills!: string[];
  @sourcesProperty() sources!: ProfileSource[];
  @evidenceProperty() evidence!: EvidenceRefDto[];
}

export class ProfileEducationDto {
  @ApiProperty() institution!: string;
  @nullableString() degree!: string | null;
  @nullableString() field!: string | null;
  @nullableString() startDate!: string | null;
  @nullableString() endDate!: string | null;
  @sourcesProperty() sources!: ProfileSource[];
  @evidenceProperty() evidence!: EvidenceRefDto[];
}

export class ProfileCertificationDto {
  @ApiProperty() name!: string;
  @nullableString() issuer!: string | null;
  @nullableString() date!: string | null;
  @nullableString() url!: string | null;
  @sourcesProperty() sources!: ProfileSource[];
  @evidenceProperty() evidence!: EvidenceRefDto[];
}

export class ProfileLanguageDto {
  @ApiProperty({ example: 'German' }) name!: string;
  @nullableString(undefined, 'Professional working proficiency') proficiency!: string | null;
  @sourcesProperty() sources!: ProfileSource[];
  @evidenceProperty() evidence!: EvidenceRefDto[];
}

class ConflictValueDto {
  @ApiProperty(SOURCES) source!: ProfileSource;
  @ApiProperty() value!: string;
}

export class MergeConflictDto {
  @ApiProperty({ example: 'identity.name' }) field!: string;
  @ApiProperty({ example: 'precedence: JSON Resume > LinkedIn > GitHub' }) rule!: string;
  @ApiProperty({ type: ConflictValueDto }) kept!: ConflictValueDto;
  @ApiProperty({ type: [ConflictValueDto] }) discarded!: ConflictValueDto[];
}

export class CandidateProfileDataDto implements CandidateProfileData {
  @ApiProperty({ type: ProfileIdentityDto }) identity!: ProfileIdentityDto;
  @ApiProperty({ type: [ProfileSkillDto], description: 'Strongest first' }) skills!: ProfileSkillDto[];
  @ApiProperty({ type: [ProfileProjectDto], description: 'Most relevant first' })
  projects!: ProfileProjectDto[];
  @ApiProperty({ type: [ProfilePositionDto], description: 'Current first, then latest start first' })
  positions!: ProfilePositionDto[];
  @ApiProperty({ type: [ProfileEducationDto] }) education!: ProfileEducationDto[];
  @ApiProperty({ type: [ProfileCertificationDto] }) certifications!: ProfileCertificationDto[];
  @ApiProperty({ type: [ProfileLanguageDto], description: 'Spoken languages' })
  languages!: ProfileLanguageDto[];
  @ApiProperty({ type: [MergeConflictDto], description: 'Where sources disagreed and what was kept' })
  conflicts!: MergeConflictDto[];
  @ApiProperty({ type: [EvidenceFactDto], description: 'Every fact the profile cites' })
  evidence!: EvidenceFactDto[];
}
