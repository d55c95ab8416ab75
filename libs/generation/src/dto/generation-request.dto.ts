import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsMongoId,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CursorPageQueryDto, LLM_PROVIDERS, type LlmProviderName } from '@app/core';
import { GENERATION_STATUSES, type GenerationStatus } from '../generation.schema';
import { PAPER_SIZES, type PaperSize, TEMPLATE_IDS, type TemplateId } from '@app/render';

/** Who the resume is for: a stored profile, or a GitHub username (a GitHub-only profile, not stored). */
export class GenerationCandidateDto {
  @ApiPropertyOptional({
    example: '665f1c2e9b1d8a3f4c2e1a0b',
    description: 'A profile of yours (/api/v1/profiles)',
  })
  @IsOptional()
  @IsMongoId()
  profileId?: string;

  @ApiPropertyOptional({ example: 'octocat', description: 'Build the candidate from this GitHub user' })
  @IsOptional()
  @IsString()
  @Length(1, 39)
  githubUsername?: string;
}

/** The job: an analysis of yours, or a description to analyse. */
export class GenerationJobDto {
  @ApiPropertyOptional({ example: '665f1c2e9b1d8a3f4c2e1a0b', description: 'A job analysis of yours' })
  @IsOptional()
  @IsMongoId()
  analysisId?: string;

  @ApiPropertyOptional({
    description: 'The job description (50–50,000 characters of text after HTML is stripped)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(500_000)
  description?: string;

  @ApiPropertyOptional({ example: 'Senior Backend Engineer', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ example: 'Acme', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  company?: string;

  @ApiPropertyOptional({ example: 'https://jobs.example.com/1', description: 'Stored, never fetched' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  url?: string;
}

/** Options shared by single and batch generations. */
export class GenerationOptionsDto {
  @ApiProperty({ type: GenerationCandidateDto, description: 'Exactly one of profileId, githubUsername' })
  @ValidateNested()
  @Type(() => GenerationCandidateDto)
  candidate!: GenerationCandidateDto;

  @ApiPropertyOptional({
    enum: LLM_PROVIDERS,
    description: 'Default: the configured provider (LLM_PROVIDER)',
  })
  @IsOptional()
  @IsIn(LLM_PROVIDERS)
  provider?: LlmProviderName;

  @ApiPropertyOptional({ enum: TEMPLATE_IDS, default: 'classic' })
  @IsOptional()
  @IsIn(TEMPLATE_IDS)
  template?: TemplateId;

  @ApiPropertyOptional({ enum: PAPER_SIZES, default: 'letter' })
  @IsOptional()
  @IsIn(PAPER_SIZES)
  paper?: PaperSize;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 5,
    default: 1,
    description:
      'Page limit: a draft that runs over is shortened to fit (fewer bullets, projects, skills; never new text) — the `fitted` event says what was left out',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  maxPages?: number;

  @ApiPropertyOptional({
    default: true,
    description: 'Reuse an earlier generation with identical inputs, provider, model, prompt and template',
  })
  @IsOptional()
  @IsBoolean()
  reuse?: boolean;
}

export class CreateGenerationDto extends GenerationOptionsDto {
  @ApiProperty({ type: GenerationJobDto, description: 'Exactly one of analysisId, description' })
  @ValidateNested()
  @Type(() => GenerationJobDto)
  job!: GenerationJobDto;

  @ApiPropertyOptional({
    example: '665f1c2e9b1d8a3f4c2e1a0b',
    description: 'Store as a new version of this resume',
  })
  @IsOptional()
  @IsMongoId()
  resumeId?: string;

  @ApiPropertyOptional({ maxLength: 200, description: 'Title of the new resume (default: role — company)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;
}

export class CreateGenerationBatchDto extends GenerationOptionsDto {
  @ApiProperty({ type: [GenerationJobDto], minItems: 1, maxItems: 20 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => GenerationJobDto)
  jobs!: GenerationJobDto[];
}

export class GenerationIdParamsDto {
  @ApiProperty({ example: '665f1c2e9b1d8a3f4c2e1a0b' })
  @IsString()
  id!: string;
}

export class ListGenerationsQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({
    description: 'Only the generations of this batch',
    example: '665f1c2e9b1d8a3f4c2e1a0d',
  })
  @IsOptional()
  @IsMongoId({ message: 'batchId must be the batchId of a batch' })
  batchId?: string;

  @ApiPropertyOptional({ enum: GENERATION_STATUSES, description: 'Only generations in this status' })
  @IsOptional()
  @IsIn(GENERATION_STATUSES)
  status?: GenerationStatus;
}
