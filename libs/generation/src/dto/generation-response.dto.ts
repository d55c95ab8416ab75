import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CursorPageMetaDto } from '@app/core';
import { AtsReportDto } from '@app/render';
import { EvidenceRefDto } from '@app/resumes';

import { GenerationCandidateDto, GenerationJobDto } from './generation-request.dto';

import {
  GENERATION_STATUSES,
  GENERATION_STEPS,
  type GenerationStatus,
  type GenerationStep,
} from '../generation.schema';

const nullable = (type: unknown, description?: string) =>
  ApiProperty({ type: type as never, nullable: true, ...(description ? { description } : {}) });

export class StepTimingDto {
  @ApiProperty({ enum: GENERATION_STEPS }) step!: GenerationStep;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ example: 42 }) durationMs!: number;
  @ApiProperty({ description: 'Which attempt of the job ran it (retries after transient failures)' })
  attempt!: number;
}

export class TokenUsageDto {
  @ApiProperty() inputTokens!: number;
  @ApiProperty() outputTokens!: number;
  @ApiProperty() totalTokens!: number;
}

export class LlmRunDto {
  @ApiProperty({ example: 'offline' }) provider!: string;
  @ApiProperty({ example: 'offline' }) model!: string;
  @ApiProperty({ example: 'draft-v1' }) promptVersion!: string;
  @ApiProperty({ type: TokenUsageDto }) usage!: TokenUsageDto;
  @ApiProperty({ description: 'LLM calls made (retries and the repair attempt included)' }) attempts!: number;
  @ApiProperty({ description: 'An invalid answer was repaired by a second call' }) repaired!: boolean;
}

export class DegradedDto {
  @ApiProperty({ example: 'gemini: 500 Internal Server Error after 4 attempts' }) reason!: string;
  @ApiProperty({ example: 'gemini' }) from!: string;
}

export class GenerationResultDto {
  @ApiProperty({ example: '665f1c2e9b1d8a3f4c2e1a0b' }) resumeId!: string;
  @ApiProperty({ example: 1 }) version!: number;
  @ApiProperty({ example: 1 }) pages!: number;
  @ApiProperty({ example: '/api/v1/resumes/665f…/versions/1', description: 'The resume version' })
  versionUrl!: string;
  @ApiProperty({ example: '/api/v1/resumes/665f…/versions/1/artifacts/pdf' }) pdfUrl!: string;
}

/** The request as accepted, defaults filled in. */
export class GenerationInputDto {
  @ApiProperty({ type: GenerationCandidateDto }) candidate!: GenerationCandidateDto;
  @ApiProperty({ type: GenerationJobDto }) job!: GenerationJobDto;
  @ApiPropertyOptional({ example: 'gemini', description: 'Absent: the configured provider' })
  provider?: string;
  @ApiProperty({ example: 'classic' }) template!: string;
  @ApiProperty({ example: 'letter' }) paper!: string;
  @ApiProperty({ example: 1 }) maxPages!: number;
  @ApiPropertyOptional({ description: 'Stored as a new version of this resume' }) resumeId?: string;
  @ApiPropertyOptional() title?: string;
  @ApiProperty() reuse!: boolean;
}

class SkillRefDto {
  @ApiProperty({ example: 'postgresql' }) skillId!: string;
  @ApiProperty({ example: 'PostgreSQL' }) canonical!: string;
}

export class MatchTermDto {
  @ApiProperty({ example: 'sql' }) skillId!: string;
  @ApiProperty({ example: 'SQL' }) canonical!: string;
  @ApiProperty({ enum: ['must', 'nice'] }) importance!: 'must' | 'nice';
  @ApiProperty({ enum: ['matched', 'partial', 'missing'] }) status!: 'matched' | 'partial' | 'missing';
  @ApiPropertyOptional({
    type: SkillRefDto,
    description: '`partial`: the related skill that gave partial credit',
  })
  via?: SkillRefDto;
  @ApiPropertyOptional({ description: 'The profile skill’s strength (0–100)' }) strength?: number;
  @ApiProperty({ type: [EvidenceRefDto], description: 'Up to 3 citations, strongest first' })
  evidence!: EvidenceRefDto[];
  @ApiPropertyOptional({ description: 'Years the job asks for this skill' }) requiredYears?: number;
  @ApiPropertyOptional({ description: 'Years of positions naming it, overlaps counted once' })
  candidateYears?: number;
  @ApiProperty({ example: 'SQL: partial via PostgreSQL — 1 position (last used 2026-11)' })
  explanation!: string;
}

export class MatchSubScoresDto {
  @ApiProperty({ minimum: 0, maximum: 100 }) mustHave!: number;
  @ApiProperty({ minimum: 0, maximum: 100 }) niceToHave!: number;
  @ApiProperty({ minimum: 0, maximum: 100 }) seniority!: number;
  @ApiProperty({ minimum: 0, maximum: 100 }) recency!: number;
}

export class MatchSeniorityDto {
  @ApiProperty({ example: 'senior' }) required!: string;
  @ApiPropertyOptional({ example: 5 }) requiredYears?: number;
  @ApiProperty({ example: 7.5 }) candidateYears!: number;
  @ApiProperty({ minimum: 0, maximum: 1 }) fit!: number;
  @ApiProperty() explanation!: string;
}

export class MatchCountsDto {
  @ApiProperty() matched!: number;
  @ApiProperty() partial!: number;
  @ApiProperty() missing!: number;
}

/** The match report, term by term; no LLM involved. */
export class MatchReportDto {
  @ApiProperty({ minimum: 0, maximum: 100 }) score!: number;
  @ApiProperty({ type: MatchSubScoresDto }) subScores!: MatchSubScoresDto;
  @ApiProperty({
    example: 'score = round(0.55 × mustHave + 0.15 × niceToHave + 0.15 × seniority + 0.15 × recency)',
  })
  formula!: string;
  @ApiProperty({ type: [MatchTermDto] }) terms!: MatchTermDto[];
  @ApiProperty({ type: MatchSeniorityDto }) seniority!: MatchSeniorityDto;
  @ApiProperty({ type: MatchCountsDto }) counts!: MatchCountsDto;
}

export class FactCheckFindingDto {
  @ApiProperty({ enum: ['info', 'warn', 'block'] }) severity!: string;
  @ApiProperty({
    enum: ['skill', 'tool', 'employer', 'title', 'repo', 'date', 'number', 'evidence', 'identity'],
  })
  kind!: string;
  @ApiProperty({
    example: 'experience[0].bullets[2]',
    description: 'Where in the draft as checked (before any shortening to fit the page limit)',
  })
  path!: string;
  @ApiProperty({ example: 'Kubernetes' }) value!: string;
  @ApiProperty({ enum: ['removed', 'kept', 'blocked'] }) action!: string;
  @ApiProperty() reason!: string;
}

export class FactCheckStatsDto {
  @ApiProperty({
    description: 'Units of content in the draft (summary sentences, skill items, entries, bullets)',
  })
  units!: number;
  @ApiProperty() removed!: number;
}

/** The fact check of the draft (the checked document is the stored resume version). */
export class FactCheckReportDto {
  @ApiProperty({ enum: ['pass', 'warn', 'block'] }) verdict!: 'pass' | 'warn' | 'block';
  @ApiProperty({ type: [FactCheckFindingDto] }) findings!: FactCheckFindingDto[];
  @ApiProperty({ type: FactCheckStatsDto }) stats!: FactCheckStatsDto;
}

/** Why a generation failed, and what to do (the problem's core fields; the job had no request of its own). */
export class GenerationProblemDto {
  @ApiProperty({ example: 404 }) status!: number;
  @ApiProperty({ example: 'github_user_not_found' }) code!: string;
  @ApiProperty({ example: 'Not Found' }) title!: string;
  @ApiProperty({ example: 'GitHub has no user named ada-x.' }) detail!: string;
}

export class GenerationDto {
  @ApiProperty({ example: '665f1c2e9b1d8a3f4c2e1a0b' }) id!: string;
  @ApiProperty({ enum: GENERATION_STATUSES }) status!: GenerationStatus;
  @ApiProperty({ enum: GENERATION_STEPS, nullable: true, description: 'The step running (or that failed)' })
  step!: GenerationStep | null;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress!: number;
  @nullable(String, 'The batch this generation belongs to') batchId!: string | null;
  @ApiProperty({ type: GenerationInputDto, description: 'The request, as accepted (defaults filled in)' })
  input!: GenerationInputDto;
  @ApiProperty({
    type: MatchReportDto,
    nullable: true,
    description: 'The match report (after the match step)',
  })
  match!: MatchReportDto | null;
  @ApiProperty({ type: FactCheckReportDto, nullable: true, description: 'The fact check of the draft' })
  factCheck!: FactCheckReportDto | null;
  @ApiProperty({ type: AtsReportDto, nullable: true, description: 'The ATS check of the compiled PDF' })
  ats!: AtsReportDto | null;
  @ApiProperty({ description: 'The LLM failed and the offline provider wrote the draft' }) degraded!: boolean;
  @ApiProperty({ type: DegradedDto, nullable: true }) degradedReason!: DegradedDto | null;
  @ApiProperty({ type: LlmRunDto, nullable: true }) llm!: LlmRunDto | null;
  @ApiProperty({ type: [StepTimingDto] }) timings!: StepTimingDto[];
  @ApiProperty({ type: GenerationResultDto, nullable: true }) result!: GenerationResultDto | null;
  @nullable(String, 'The generation whose result this one reused (identical inputs)') reusedFrom!:
    string | null;
  @ApiProperty({ type: GenerationProblemDto, nullable: true, description: 'Why it failed and what to do' })
  error!: GenerationProblemDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) startedAt!: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) finishedAt!: string | null;
}

export class GenerationPageDto extends CursorPageMetaDto {
  @ApiProperty({ type: [GenerationDto] }) items!: GenerationDto[];
}

export class BatchRankingDto {
  @ApiProperty() generationId!: string;
  @ApiProperty({ example: 1 }) rank!: number;
  @ApiProperty({ example: 82 }) score!: number;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, nullable: true }) company!: string | null;
}

export class GenerationBatchDto {
  @ApiProperty({ example: '665f1c2e9b1d8a3f4c2e1a0b' }) batchId!: string;
  @ApiProperty({ enum: ['running', 'finished'] }) status!: 'running' | 'finished';
  @ApiProperty({ type: [GenerationDto] }) generations!: GenerationDto[];
  @ApiProperty({
    type: [BatchRankingDto],
    nullable: true,
    description: 'The jobs by match score, best first, once every generation has finished',
  })
  ranking!: BatchRankingDto[] | null;
}
