import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { CursorPageMetaDto, CursorPageQueryDto } from '@app/core';

import { APPLICATION_STATUSES, type ApplicationStatus } from '../application-status';
import {
  APPLICATION_SOURCES,
  type ApplicationSource,
  SALARY_PERIODS,
  type SalaryPeriod,
} from '../application.schema';
import { APPLICATION_LIMITS as LIMITS, OPAQUE_ID, trim } from './application-input.dto';
import { IsNotLessThan } from './compare.validator';

export const DATE_FIELDS = ['createdAt', 'appliedAt'] as const;
export type DateField = (typeof DATE_FIELDS)[number];

export class ApplicationSalaryDto {
  @ApiPropertyOptional({ example: 90000 }) min?: number;
  @ApiPropertyOptional({ example: 120000 }) max?: number;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ enum: SALARY_PERIODS }) period!: SalaryPeriod;
}

export class ApplicationContactDto {
  @ApiProperty({ example: 'Sam Recruiter' }) name!: string;
  @ApiPropertyOptional({ example: 'sam@acme.example' }) email?: string;
  @ApiPropertyOptional({ example: 'Technical recruiter' }) role?: string;
  @ApiPropertyOptional({ example: '+49 30 1234567' }) phone?: string;
  @ApiPropertyOptional({ example: 'https://www.linkedin.com/in/sam-recruiter' }) linkedinUrl?: string;
}

export class ApplicationResumeRefDto {
  @ApiProperty({ example: '665f1c2e9b1d8a3f4c2e1a0b' }) resumeId!: string;
  @ApiProperty({ example: 3 }) version!: number;
}

/** An application as lists return it: without the job description, notes and contacts. */
export class ApplicationSummaryDto {
  @ApiProperty({ example: '665f1c2e9b1d8a3f4c2e1a0d' }) id!: string;
  @ApiProperty({ example: 'Acme GmbH' }) company!: string;
  @ApiProperty({ example: 'Senior Backend Engineer' }) role!: string;
  @ApiProperty({ type: String, nullable: true }) jobUrl!: string | null;
  @ApiProperty({ type: String, nullable: true }) jobAnalysisId!: string | null;
  @ApiProperty({ type: String, nullable: true }) location!: string | null;
  @ApiProperty({ type: ApplicationSalaryDto, nullable: true }) salary!: ApplicationSalaryDto | null;
  @ApiProperty({ enum: APPLICATION_SOURCES, nullable: true }) source!: ApplicationSource | null;
  @ApiProperty({ type: ApplicationResumeRefDto, nullable: true, description: 'The resume version sent' })
  resume!: ApplicationResumeRefDto | null;
  @ApiProperty({ type: [String], example: ['remote'] }) tags!: string[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) followUpAt!: string | null;
  @ApiProperty({ description: 'followUpAt has passed and the application is still open' })
  followUpDue!: boolean;
  @ApiProperty({
    enum: APPLICATION_STATUSES,
    description:
      'Current status; changed only by `POST …/transitions` (see its description for the table) and `POST …/reopen`',
  })
  status!: ApplicationStatus;
  @ApiProperty({
    enum: APPLICATION_STATUSES,
    isArray: true,
    description: 'The statuses a transition may move this application to now (empty when closed)',
  })
  allowedTransitions!: ApplicationStatus[];
  @ApiProperty({ description: 'True when closed: `POST …/reopen` is the only way out' }) canReopen!: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it was sent (`at` of the transition to applied)',
  })
  appliedAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'When the employer first responded: `at` of the first transition after being applied into screening, ' +
      'interviewing, offer or rejected',
  })
  firstResponseAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When it closed; null while open',
  })
  closedAt!: string | null;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: '`at` of the latest status change or reopen; null while still the initial draft',
  })
  statusChangedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ApplicationDto extends ApplicationSummaryDto {
  @ApiProperty({ type: String, nullable: true }) jobDescription!: string | null;
  @ApiProperty({ type: [ApplicationContactDto] }) contacts!: ApplicationContactDto[];
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
}

export class ApplicationPageDto extends CursorPageMetaDto {
  @ApiProperty({ type: [ApplicationSummaryDto] }) items!: ApplicationSummaryDto[];
}

const toList = ({ value }: { value: unknown }) =>
  (Array.isArray(value) ? value : [value])
    .flatMap((item) => (typeof item === 'string' ? item.split(',') : [item]))
    .map((item) => (typeof item === 'string' ? item.trim() : item))
    .filter((item) => item !== '');

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** `from`/`to` on `createdAt` (default) or `appliedAt`: shared by the list and the stats. */
export class ApplicationDateRangeQueryDto {
  @ApiPropertyOptional({
    enum: DATE_FIELDS,
    default: 'createdAt',
    description:
      'Which date `from`/`to` apply to: `createdAt` (when recorded; every application has one) or ' +
      '`appliedAt` (when sent; drafts never match a range on it)',
  })
  @IsOptional()
  @IsIn(DATE_FIELDS)
  dateField: DateField = 'createdAt';

  @ApiPropertyOptional({ format: 'date-time', description: 'Inclusive lower bound of dateField' })
  @IsOptional()
  @IsDateString({ strict: true })
  from?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Exclusive upper bound of dateField; later than from',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  @IsNotLessThan('from', { strict: true })
  to?: string;
}

export class ListApplicationsQueryDto extends IntersectionType(
  CursorPageQueryDto,
  ApplicationDateRangeQueryDto,
) {
  @ApiPropertyOptional({
    enum: APPLICATION_STATUSES,
    isArray: true,
    description: 'One or several statuses: repeat the parameter or separate with commas',
    example: ['applied', 'screening'],
  })
  @IsOptional()
  @Transform(toList)
  @IsArray()
  @ArrayMaxSize(APPLICATION_STATUSES.length)
  @IsIn(APPLICATION_STATUSES, { each: true })
  status?: ApplicationStatus[];

  @ApiPropertyOptional({
    maxLength: LIMITS.company,
    description: 'Case-insensitive substring of the company',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, LIMITS.company)
  company?: string;

  @ApiPropertyOptional({
    maxLength: LIMITS.tag,
    description: 'Applications carrying this tag (case-insensitive)',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @Length(1, LIMITS.tag)
  tag?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.resumeId, description: 'Applications that sent this resume' })
  @IsOptional()
  @IsString()
  @Length(1, LIMITS.resumeId)
  @Matches(OPAQUE_ID, { message: 'resumeId must be a resume id' })
  resumeId?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description:
      '`true`: followUpAt is now or past and the application is still open; `false`: every other application',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  followUpDue?: boolean;
}
