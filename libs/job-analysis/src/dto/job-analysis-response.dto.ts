import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CursorPageMetaDto } from '@app/core';
import { SKILL_CATEGORIES, type SkillCategory } from '@app/skills';

import {
  type DegreeLevel,
  type JobSectionKind,
  SENIORITY_LEVELS,
  type SeniorityLevel,
  type SkillImportance,
} from '../analysis/job-analysis.types';

const IMPORTANCE = { enum: ['must', 'nice'] } as const;
const SECTION_KINDS: JobSectionKind[] = [
  'intro',
  'about',
  'role',
  'responsibilities',
  'requirements',
  'preferred',
  'context',
  'benefits',
  'process',
  'eeo',
  'other',
];
const SECTION = { enum: SECTION_KINDS } as const;
const DEGREE_LEVELS: DegreeLevel[] = ['associate', 'bachelor', 'master', 'phd', 'degree'];

export class TextSpanDto {
  @ApiProperty({ description: 'Exactly `analysis.text.slice(start, end)`' }) text!: string;
  @ApiProperty({ minimum: 0 }) start!: number;
  @ApiProperty({ minimum: 0 }) end!: number;
}

export class JobSectionDto {
  @ApiProperty(SECTION) kind!: JobSectionKind;
  @ApiPropertyOptional({ example: 'Nice to have' }) heading?: string;
  @ApiProperty() start!: number;
  @ApiProperty() end!: number;
}

export class JobSkillMentionDto extends TextSpanDto {
  @ApiProperty({ enum: ['text', 'title'], description: '`title`: offsets refer to `analysis.title`' })
  source!: 'text' | 'title';
  @ApiProperty(SECTION) section!: JobSectionKind;
  @ApiProperty(IMPORTANCE) importance!: SkillImportance;
  @ApiPropertyOptional({
    description: 'The heading or inline cue that made it nice-to-have',
    example: 'is a plus',
  })
  cue?: string;
}

export class JobSkillDto {
  @ApiProperty({ example: 'go', description: 'Taxonomy id (`enriched:<name>` for an enrichment’s addition)' })
  id!: string;
  @ApiProperty({ example: 'Go' }) canonical!: string;
  @ApiProperty({ enum: SKILL_CATEGORIES, example: 'language' }) category!: SkillCategory;
  @ApiProperty({ ...IMPORTANCE, description: '`must` when any mention is in a must context' })
  importance!: SkillImportance;
  @ApiPropertyOptional({ example: 5, description: 'Years asked for this skill ("5+ years of Go")' })
  minYears?: number;
  @ApiProperty({
    enum: ['taxonomy', 'enrichment'],
    description: '`enrichment`: added by an enricher (LLM), not in the taxonomy',
  })
  origin!: 'taxonomy' | 'enrichment';
  @ApiProperty({ type: [JobSkillMentionDto] }) mentions!: JobSkillMentionDto[];
}

export class JobSeniorityDto {
  @ApiProperty({ enum: SENIORITY_LEVELS }) level!: SeniorityLevel;
  @ApiProperty({ enum: ['title', 'description', 'years', 'responsibilities', 'default'] })
  source!: 'title' | 'description' | 'years' | 'responsibilities' | 'default';
  @ApiProperty({ type: [String], example: ['Senior'], description: 'The phrases that decided it' })
  decidedBy!: string[];
}

export class YearsRequirementDto extends TextSpanDto {
  @ApiProperty({ example: 5 }) min!: number;
  @ApiPropertyOptional({ example: 7 }) max?: number;
  @ApiProperty({ type: [String], description: 'Skill ids the years are stated for; empty when general' })
  skillIds!: string[];
  @ApiProperty(IMPORTANCE) importance!: SkillImportance;
}

export class EducationRequirementDto extends TextSpanDto {
  @ApiProperty({ enum: DEGREE_LEVELS }) level!: DegreeLevel;
  @ApiProperty({ type: [String], example: ['Computer Science'] }) fields!: string[];
  @ApiProperty() orEquivalentExperience!: boolean;
  @ApiProperty(IMPORTANCE) importance!: SkillImportance;
}

export class JobKeywordDto {
  @ApiProperty({ example: 'SOC 2' }) term!: string;
  @ApiProperty() count!: number;
  @ApiProperty({ type: [TextSpanDto] }) mentions!: TextSpanDto[];
}

export class EnrichmentInfoDto {
  @ApiProperty({ example: 'offline', description: '`offline`: no LLM, nothing added' }) provider!: string;
  @ApiProperty({ description: 'Skills the enrichment added (marked `origin: enrichment`)' }) added!: number;
}

export class JobAnalysisResultDto {
  @ApiProperty({ description: 'The normalised description (HTML stripped) every offset refers to' })
  text!: string;
  @ApiPropertyOptional({ description: 'The normalised title; title mentions refer to it' }) title?: string;
  @ApiProperty({ enum: ['text', 'html'] }) format!: 'text' | 'html';
  @ApiProperty({ type: [JobSectionDto] }) sections!: JobSectionDto[];
  @ApiProperty({
    type: [JobSkillDto],
    description: 'Must skills first, then nice; each in order of first mention',
  })
  skills!: JobSkillDto[];
  @ApiProperty({ type: JobSeniorityDto }) seniority!: JobSeniorityDto;
  @ApiPropertyOptional({ example: 5, description: 'The overall minimum years asked' }) minYears?: number;
  @ApiProperty({ type: [YearsRequirementDto] }) years!: YearsRequirementDto[];
  @ApiProperty({ type: [EducationRequirementDto] }) education!: EducationRequirementDto[];
  @ApiProperty({ type: [TextSpanDto], description: 'Items of the responsibilities sections' })
  responsibilities!: TextSpanDto[];
  @ApiProperty({ type: [JobKeywordDto], description: 'Salient terms the taxonomy does not know' })
  keywords!: JobKeywordDto[];
  @ApiProperty({ type: EnrichmentInfoDto }) enrichment!: EnrichmentInfoDto;
}

export class JobAnalysisSummaryDto {
  @ApiProperty({ example: '665f1c2e9b1d8a3f4c2e1a0b' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, nullable: true }) company!: string | null;
  @ApiProperty({ type: String, nullable: true }) url!: string | null;
  @ApiProperty({ enum: SENIORITY_LEVELS }) seniority!: SeniorityLevel;
  @ApiProperty({ type: Number, nullable: true }) minYears!: number | null;
  @ApiProperty({ type: [String], example: ['Go', 'PostgreSQL'] }) mustSkills!: string[];
  @ApiProperty({ type: [String], example: ['Kubernetes'] }) niceSkills!: string[];
  @ApiProperty({ description: 'The analysis came from the cache (the same description was analysed before)' })
  cached!: boolean;
  @ApiProperty({
    description: 'SHA-256 of the analyser version, normalised title and normalised text (the cache key)',
  })
  textHash!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class JobAnalysisDto extends JobAnalysisSummaryDto {
  @ApiProperty({ type: JobAnalysisResultDto }) analysis!: JobAnalysisResultDto;
}

export class JobAnalysisPageDto extends CursorPageMetaDto {
  @ApiProperty({ type: [JobAnalysisSummaryDto] }) items!: JobAnalysisSummaryDto[];
}
