import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';

import { SALARY_PERIODS, type SalaryPeriod } from '../application.schema';
import { IsNotLessThan } from './compare.validator';

/** Size limits of every string and array an application holds. */
export const APPLICATION_LIMITS = {
  company: 200,
  role: 200,
  url: 2000,
  jobDescription: 50_000,
  jobAnalysisId: 64,
  location: 200,
  notes: 10_000,
  tags: 20,
  tag: 40,
  contacts: 20,
  contactName: 100,
  contactRole: 100,
  email: 254,
  phone: 40,
  linkedinUrl: 300,
  resumeId: 64,
  eventNote: 2000,
  salary: 1_000_000_000,
} as const;

export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Trims, lower-cases and de-duplicates tags (anything that is not an array of strings is left to the rules). */
export const normalizeTags = ({ value }: { value: unknown }) =>
  Array.isArray(value) && value.every((tag) => typeof tag === 'string')
    ? [...new Set(value.map((tag: string) => tag.trim().toLowerCase()))]
    : value;

/** Ids from other libraries (resumes, job analyses): opaque, URL-safe. */
export const OPAQUE_ID = /^[A-Za-z0-9_-]+$/;

export class ApplicationSalaryInputDto {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: APPLICATION_LIMITS.salary,
    description: 'Lower end (give min, max or both)',
    example: 90000,
  })
  @ValidateIf((o: ApplicationSalaryInputDto) => o.min !== undefined || o.max === undefined)
  @IsNumber({ maxDecimalPlaces: 2 }, { message: 'min must be a number (give min, max or both)' })
  @Min(0)
  @Max(APPLICATION_LIMITS.salary)
  min?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: APPLICATION_LIMITS.salary,
    description: 'Upper end; not less than min',
    example: 120000,
  })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0)
  @Max(APPLICATION_LIMITS.salary)
  @IsNotLessThan('min')
  max?: number;

  @ApiProperty({ description: 'ISO 4217 currency code (upper-cased)', example: 'EUR', pattern: '^[A-Z]{3}$' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a 3-letter ISO 4217 code' })
  currency!: string;

  @ApiProperty({ enum: SALARY_PERIODS, example: 'year' })
  @IsIn(SALARY_PERIODS)
  period!: SalaryPeriod;
}

export class ApplicationContactInputDto {
  @ApiProperty({ minLength: 1, maxLength: APPLICATION_LIMITS.contactName, example: 'Sam Recruiter' })
  @Transform(trim)
  @IsString()
  @Length(1, APPLICATION_LIMITS.contactName)
  name!: string;

  @ApiPropertyOptional({ maxLength: APPLICATION_LIMITS.email, example: 'sam@acme.example' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(APPLICATION_LIMITS.email)
  email?: string;

  @ApiPropertyOptional({ maxLength: APPLICATION_LIMITS.contactRole, example: 'Technical recruiter' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, APPLICATION_LIMITS.contactRole)
  role?: string;

  @ApiPropertyOptional({ maxLength: APPLICATION_LIMITS.phone, example: '+49 30 1234567' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Matches(/^\+?[0-9 ().-]{3,40}$/, {
    message: 'phone must be digits with optional +, spaces, dots, dashes and parentheses',
  })
  @MaxLength(APPLICATION_LIMITS.phone)
  phone?: string;

  @ApiPropertyOptional({
    maxLength: APPLICATION_LIMITS.linkedinUrl,
    example: 'https://www.linkedin.com/in/sam-recruiter',
  })
  @IsOptional()
  @Transform(trim)
  @IsUrl(
    { protocols: ['https', 'http'], require_protocol: true, host_whitelist: [/(^|\.)linkedin\.com$/] },
    { message: 'linkedinUrl must be an http(s) URL on linkedin.com' },
  )
  @MaxLength(APPLICATION_LIMITS.linkedinUrl)
  linkedinUrl?: string;
}

export class ApplicationResumeRefInputDto {
  @ApiProperty({
    description: 'Id of one of your resumes',
    maxLength: APPLICATION_LIMITS.resumeId,
    example: '665f1c2e9b1d8a3f4c2e1a0b',
  })
  @IsString()
  @Length(1, APPLICATION_LIMITS.resumeId)
  @Matches(OPAQUE_ID, { message: 'resumeId must be a resume id' })
  resumeId!: string;

  @ApiProperty({ minimum: 1, description: 'The version of that resume that was sent', example: 3 })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version!: number;
}
