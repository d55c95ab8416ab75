import { ApiPropertyOptional } from '@nestjs/swagger';
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
  ValidateIf,
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

const present = (_object: object, value: unknown) => value !== undefined;

/**
 * `PATCH /applications/{id}`: the fields to change; absent fields stay as they are, `null` clears an
 * optional one. The status is not a field: it changes through transitions and reopen only.
 */
export class UpdateApplicationDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: LIMITS.company })
  @ValidateIf(present)
  @Transform(trim)
  @IsString()
  @Length(1, LIMITS.company)
  company?: string;

  @ApiPropertyOptional({ minLength: 1, maxLength: LIMITS.role })
  @ValidateIf(present)
  @Transform(trim)
  @IsString()
  @Length(1, LIMITS.role)
  role?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: LIMITS.url })
  @IsOptional()
  @Transform(trim)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(LIMITS.url)
  jobUrl?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: LIMITS.jobDescription })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.jobDescription)
  jobDescription?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: LIMITS.jobAnalysisId })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.jobAnalysisId)
  @Matches(OPAQUE_ID, { message: 'jobAnalysisId must be a job analysis id' })
  jobAnalysisId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: LIMITS.location })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, LIMITS.location)
  location?: string | null;

  @ApiPropertyOptional({ type: ApplicationSalaryInputDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ApplicationSalaryInputDto)
  salary?: ApplicationSalaryInputDto | null;

  @ApiPropertyOptional({ enum: APPLICATION_SOURCES, nullable: true })
  @IsOptional()
  @IsIn(APPLICATION_SOURCES)
  source?: ApplicationSource | null;

  @ApiPropertyOptional({
    type: ApplicationResumeRefInputDto,
    nullable: true,
    description: 'The resume version sent; must be one of yours (else 422 `resume_not_found`)',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ApplicationResumeRefInputDto)
  resume?: ApplicationResumeRefInputDto | null;

  @ApiPropertyOptional({
    type: [ApplicationContactInputDto],
    maxItems: LIMITS.contacts,
    description: 'Replaces the list',
  })
  @ValidateIf(present)
  @IsArray()
  @ArrayMaxSize(LIMITS.contacts)
  @ValidateNested({ each: true })
  @Type(() => ApplicationContactInputDto)
  contacts?: ApplicationContactInputDto[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: LIMITS.notes })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.notes)
  notes?: string | null;

  @ApiPropertyOptional({ type: [String], maxItems: LIMITS.tags, description: 'Replaces the list' })
  @ValidateIf(present)
  @Transform(normalizeTags)
  @IsArray()
  @ArrayMaxSize(LIMITS.tags)
  @IsString({ each: true })
  @Length(1, LIMITS.tag, { each: true })
  tags?: string[];

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'null: no follow-up',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  followUpAt?: string | null;
}
