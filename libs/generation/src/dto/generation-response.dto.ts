import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CursorPageMetaDto, ProblemDto } from '@app/core';
import { AtsReportDto } from '@app/render';

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

export class GenerationDto {
  @ApiProperty({ example: '665f1c2e9b1d8a3f4c2e1a0b' }) id!: string;
  @ApiProperty({ enum: GENERATION_STATUSES }) status!: GenerationStatus;
  @ApiProperty({ enum: GENERATION_STEPS, nullable: true, description: 'The step running (or that failed)' })
  step!: GenerationStep | null;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress!: number;
  @nullable(String, 'The batch this generation belongs to') batchId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The request, as accepted' })
  input!: Record<string, unknown>;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description:
      'The match report: score 0–100, sub-scores, formula, and every job skill matched/partial/missing with evidence',
  })
  match!: Record<string, unknown> | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description:
      'The fact check of the draft: verdict pass/warn/block and every finding (what was removed and why)',
  })
  factCheck!: Record<string, unknown> | null;
  @ApiProperty({ type: AtsReportDto, nullable: true, description: 'The ATS check of the compiled PDF' })
  ats!: AtsReportDto | null;
  @ApiProperty({ description: 'The LLM failed and the offline provider wrote the draft' }) degraded!: boolean;
  @ApiProperty({ type: DegradedDto, nullable: true }) degradedReason!: DegradedDto | null;
  @ApiProperty({ type: LlmRunDto, nullable: true }) llm!: LlmRunDto | null;
  @ApiProperty({ type: [StepTimingDto] }) timings!: StepTimingDto[];
  @ApiProperty({ type: GenerationResultDto, nullable: true }) result!: GenerationResultDto | null;
  @nullable(String, 'The generation whose result this one reused (identical inputs)') reusedFrom!:
    string | null;
  @ApiProperty({ type: ProblemDto, nullable: true, description: 'Why it failed and what to do' })
  error!: ProblemDto | null;
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
