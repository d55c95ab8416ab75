import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';

import { APPLICATION_SOURCES, type ApplicationSource } from '../application.schema';
import {
  APPLICATION_LIMITS as LIMITS,
  ApplicationContactInputDto,
  OPAQUE_ID,
  ApplicationResumeRefInputDto,
  ApplicationSalaryInputDto,
  normalizeTags,
  trim,
} from './application-input.dto';

/** `POST /applications`: a new application starts as `draft` (move it on with a transition). */
export class CreateApplicationDto {
  @ApiProperty({ minLength: 1, maxLength: LIMITS.company, example: 'Acme GmbH' })
  @Transform(trim)
  @IsString()
  @Length(1, LIMITS.company)
  company!: string;

  @ApiProperty({ minLength: 1, maxLength: LIMITS.role, example: 'Senior Backend Engineer' })
  @Transform(trim)
  @IsString()
  @Length(1, LIMITS.role)
  role!: string;

  @ApiPropertyOptional({ maxLength: LIMITS.url, description: 'The job posting (http or https)' })
  @IsOptional()
  @Transform(trim)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(LIMITS.url)
  jobUrl?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.jobDescription, description: 'The job description text' })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.jobDescription)
  jobDescription?: string;

  @ApiPropertyOptional({
    maxLength: LIMITS.jobAnalysisId,
    description: 'Id of a job analysis of this posting',
    example: '665f1c2e9b1d8a3f4c2e1a0c',
  })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.jobAnalysisId)
  @Matches(OPAQUE_ID, { message: 'jobAnalysisId must be a job analysis id' })
  jobAnalysisId?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.location, example: 'Berlin, Germany (hybrid)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, LIMITS.location)
  location?: string;

  @ApiPropertyOptional({ type: ApplicationSalaryInputDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ApplicationSalaryInputDto)
  salary?: ApplicationSalaryInputDto;

  @ApiPropertyOptional({ enum: APPLICATION_SOURCES, description: 'Where you found the job' })
  @IsOptional()
  @IsIn(APPLICATION_SOURCES)
  source?: ApplicationSource;

  @ApiPropertyOptional({
    type: ApplicationResumeRefInputDto,
    description: 'The resume version sent; must be one of yours (else 422 `resume_not_found`)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ApplicationResumeRefInputDto)
  resume?: ApplicationResumeRefInputDto;

  @ApiPropertyOptional({ type: [ApplicationContactInputDto], maxItems: LIMITS.contacts })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LIMITS.contacts)
  @ValidateNested({ each: true })
  @Type(() => ApplicationContactInputDto)
  contacts?: ApplicationContactInputDto[];

  @ApiPropertyOptional({
    maxLength: LIMITS.notes,
    description: 'Free-text notes (timeline notes are separate)',
  })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.notes)
  notes?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: LIMITS.tags,
    description: `Tags, each 1-${LIMITS.tag} characters; stored trimmed, lower-cased and de-duplicated`,
    example: ['remote', 'dream-job'],
  })
  @IsOptional()
  @Transform(normalizeTags)
  @IsArray()
  @ArrayMaxSize(LIMITS.tags)
  @IsString({ each: true })
  @Length(1, LIMITS.tag, { each: true })
  tags?: string[];

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'When to follow up',
    example: '2026-07-01T09:00:00Z',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  followUpAt?: string;
}
