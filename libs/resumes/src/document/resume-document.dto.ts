/**
 * The resume document: the one schema every resume version holds, validated with class-validator and
 * documented in OpenAPI from these classes. Field names follow JSON Resume (jsonresume.org, schema v1)
 * where both have the field, so import/export is a rename-free mapping for the shared fields; what JSON
 * Resume lacks here is `evidence` (where each claim comes from) and grouped skill items with evidence.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
  IsDefined,
} from 'class-validator';

/** ISO 8601 date, possibly partial, as JSON Resume uses it: `2024`, `2024-05` or `2024-05-17`. */
export const PARTIAL_DATE = /^[12]\d{3}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/;
const DATE_MESSAGE = '$property must be a date like 2024, 2024-05 or 2024-05-17 (years 1000-2999)';
const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true };

/** Optional: may be absent, but never `null` (which `@IsOptional` would let through unvalidated). */
const OptionalField = () => ValidateIf((_object: unknown, value: unknown) => value !== undefined);

/** An http(s) URL in plain ASCII, as JSON Resume's `uri` format requires (so exports re-import). */
const IsHttpUrl = () =>
  applyDecorators(
    IsUrl(URL_OPTIONS),
    Matches(/^[\x21-\x7e]+$/, {
      message: '$property must be an ASCII URL (percent-encode other characters)',
    }),
  );

export const EVIDENCE_KINDS = [
  'github_profile',
  'github_repo',
  'github_readme',
  'github_languages',
  'linkedin_profile',
  'linkedin_position',
  'linkedin_education',
  'linkedin_skill',
  'linkedin_certification',
  'linkedin_project',
  'linkedin_language',
  'linkedin_email',
  'json_resume',
  'manual',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Where a claim comes from: a fact of the candidate's evidence (filled by generation; optional when editing). */
export class EvidenceRefDto {
  @ApiProperty({ enum: EVIDENCE_KINDS, example: 'github_repo' })
  @IsIn(EVIDENCE_KINDS)
  kind!: EvidenceKind;

  @ApiProperty({
    description: 'Id of the fact in the candidate profile',
    example: 'github_repo:octocat/hello-world',
  })
  @IsString()
  @Length(1, 200)
  id!: string;

  @ApiPropertyOptional({ example: 'https://github.com/octocat/hello-world' })
  @OptionalField()
  @IsHttpUrl()
  @MaxLength(500)
  url?: string;

  @ApiPropertyOptional({ description: 'The words of the evidence that support the claim', maxLength: 500 })
  @OptionalField()
  @IsString()
  @MaxLength(500)
  excerpt?: string;
}

/** A required list of nested objects, validated each, at most `max` long, documented in OpenAPI. */
const NestedList = (type: () => new () => object, max: number, description?: string) =>
  applyDecorators(
    ApiProperty({ type: () => [type()], maxItems: max, ...(description ? { description } : {}) }),
    IsArray(),
    ArrayMaxSize(max),
    ValidateNested({ each: true }),
    Type(type),
  );

/** `evidence`: up to 10 references to the facts that support the claim. */
const EvidenceField = (description?: string) =>
  applyDecorators(
    ApiPropertyOptional({ type: [EvidenceRefDto], maxItems: 10, ...(description ? { description } : {}) }),
    OptionalField(),
    IsArray(),
    ArrayMaxSize(10),
    ValidateNested({ each: true }),
    Type(() => EvidenceRefDto),
  );

/** One line of an experience or project entry. */
export class BulletDto {
  @ApiProperty({
    minLength: 1,
    maxLength: 500,
    example: 'Cut p99 latency of the billing API from 800 ms to 120 ms',
  })
  @IsString()
  @Length(1, 500)
  text!: string;

  @EvidenceField()
  evidence?: EvidenceRefDto[];
}

export class LocationDto {
  @ApiPropertyOptional({ maxLength: 200 }) @OptionalField() @IsString() @MaxLength(200) address?: string;
  @ApiPropertyOptional({ maxLength: 20 }) @OptionalField() @IsString() @MaxLength(20) postalCode?: string;
  @ApiPropertyOptional({ maxLength: 100, example: 'Berlin' })
  @OptionalField()
  @IsString()
  @MaxLength(100)
  city?: string;
  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2', example: 'DE' })
  @OptionalField()
  @Matches(/^[A-Z]{2}$/, { message: '$property must be a two-letter country code like DE' })
  countryCode?: string;
  @ApiPropertyOptional({ maxLength: 100 }) @OptionalField() @IsString() @MaxLength(100) region?: string;
}

/** A profile elsewhere (GitHub, LinkedIn, a blog...). JSON Resume: `basics.profiles[]`. */
export class ProfileLinkDto {
  @ApiProperty({ maxLength: 50, example: 'GitHub' }) @IsString() @Length(1, 50) network!: string;
  @ApiPropertyOptional({ maxLength: 100, example: 'octocat' })
  @OptionalField()
  @IsString()
  @MaxLength(100)
  username?: string;
  @ApiPropertyOptional({ example: 'https://github.com/octocat' })
  @OptionalField()
  @IsHttpUrl()
  @MaxLength(500)
  url?: string;
}

export class BasicsDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Jane Doe' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ description: 'JSON Resume: `label`', maxLength: 200, example: 'Backend engineer' })
  @OptionalField()
  @IsString()
  @MaxLength(200)
  label?: string;

  @ApiPropertyOptional({ example: 'jane@example.com' })
  @OptionalField()
  @IsEmail()
  @MaxLength(254)
  email?: string;
  @ApiPropertyOptional({ maxLength: 40, example: '+49 30 1234567' })
  @OptionalField()
  @IsString()
  @MaxLength(40)
  phone?: string;

  @ApiPropertyOptional({ description: 'Personal website', example: 'https://jane.dev' })
  @OptionalField()
  @IsHttpUrl()
  @MaxLength(500)
  url?: string;

  @ApiPropertyOptional({ type: LocationDto })
  @OptionalField()
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;

  @ApiPropertyOptional({ type: [ProfileLinkDto], maxItems: 20 })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => ProfileLinkDto)
  profiles?: ProfileLinkDto[];
}

/** One skill in a group, with the evidence for it. JSON Resume: one entry of `skills[].keywords`. */
export class SkillItemDto {
  @ApiProperty({ maxLength: 60, example: 'TypeScript' }) @IsString() @Length(1, 60) name!: string;

  @EvidenceField()
  evidence?: EvidenceRefDto[];
}

/** A group of skills. JSON Resume: `skills[]` with `name`, `level`, `keywords`. */
export class SkillGroupDto {
  @ApiProperty({ maxLength: 60, example: 'Languages' }) @IsString() @Length(1, 60) name!: string;
  @ApiPropertyOptional({ maxLength: 40, example: 'Expert' })
  @OptionalField()
  @IsString()
  @MaxLength(40)
  level?: string;

  @NestedList(() => SkillItemDto, 50)
  items!: SkillItemDto[];
}

/** A position. JSON Resume: `work[]` (`name` is the employer there; `company` here). */
export class ExperienceDto {
  @ApiProperty({ maxLength: 120, example: 'Acme GmbH' }) @IsString() @Length(1, 120) company!: string;
  @ApiProperty({ maxLength: 120, example: 'Senior Backend Engineer' })
  @IsString()
  @Length(1, 120)
  position!: string;
  @ApiPropertyOptional({ example: 'https://acme.example' })
  @OptionalField()
  @IsHttpUrl()
  @MaxLength(500)
  url?: string;
  @ApiPropertyOptional({ maxLength: 100, example: 'Berlin' })
  @OptionalField()
  @IsString()
  @MaxLength(100)
  location?: string;
  @ApiPropertyOptional({ example: '2021-03' })
  @OptionalField()
  @Matches(PARTIAL_DATE, { message: DATE_MESSAGE })
  startDate?: string;
  @ApiPropertyOptional({ description: 'Absent: current position', example: '2024-05' })
  @OptionalField()
  @Matches(PARTIAL_DATE, { message: DATE_MESSAGE })
  endDate?: string;
  @ApiPropertyOptional({ maxLength: 1000 }) @OptionalField() @IsString() @MaxLength(1000) summary?: string;

  @NestedList(() => BulletDto, 20, 'JSON Resume: `highlights`')
  bullets!: BulletDto[];
}

/** JSON Resume: `projects[]`. */
export class ProjectDto {
  @ApiProperty({ maxLength: 120, example: 'hello-world' }) @IsString() @Length(1, 120) name!: string;
  @ApiPropertyOptional({ maxLength: 1000 })
  @OptionalField()
  @IsString()
  @MaxLength(1000)
  description?: string;
  @ApiPropertyOptional({ example: 'https://github.com/octocat/hello-world' })
  @OptionalField()
  @IsHttpUrl()
  @MaxLength(500)
  url?: string;
  @ApiPropertyOptional({ example: '2023' })
  @OptionalField()
  @Matches(PARTIAL_DATE, { message: DATE_MESSAGE })
  startDate?: string;
  @ApiPropertyOptional({ example: '2024' })
  @OptionalField()
  @Matches(PARTIAL_DATE, { message: DATE_MESSAGE })
  endDate?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 30, example: ['Go', 'gRPC'] })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 60, { each: true })
  keywords?: string[];

  @ApiPropertyOptional({ type: [String], maxItems: 10, example: ['Maintainer'] })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  roles?: string[];

  @NestedList(() => BulletDto, 20, 'JSON Resume: `highlights`')
  bullets!: BulletDto[];

  @EvidenceField('Evidence for the project as a whole')
  evidence?: EvidenceRefDto[];
}

/** JSON Resume: `education[]`. */
export class EducationDto {
  @ApiProperty({ maxLength: 150, example: 'TU Berlin' }) @IsString() @Length(1, 150) institution!: string;
  @ApiPropertyOptional({ example: 'https://tu.berlin' })
  @OptionalField()
  @IsHttpUrl()
  @MaxLength(500)
  url?: string;
  @ApiPropertyOptional({ maxLength: 150, example: 'Computer Science' })
  @OptionalField()
  @IsString()
  @MaxLength(150)
  area?: string;
  @ApiPropertyOptional({ maxLength: 100, example: 'MSc' })
  @OptionalField()
  @IsString()
  @MaxLength(100)
  studyType?: string;
  @ApiPropertyOptional({ example: '2015' })
  @OptionalField()
  @Matches(PARTIAL_DATE, { message: DATE_MESSAGE })
  startDate?: string;
  @ApiPropertyOptional({ example: '2017' })
  @OptionalField()
  @Matches(PARTIAL_DATE, { message: DATE_MESSAGE })
  endDate?: string;
  @ApiPropertyOptional({ maxLength: 40, example: '1.3' })
  @OptionalField()
  @IsString()
  @MaxLength(40)
  score?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 30 })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 150, { each: true })
  courses?: string[];

  @EvidenceField()
  evidence?: EvidenceRefDto[];
}

/** JSON Resume: `certificates[]`. */
export class CertificationDto {
  @ApiProperty({ maxLength: 150, example: 'AWS Certified Developer' })
  @IsString()
  @Length(1, 150)
  name!: string;
  @ApiPropertyOptional({ maxLength: 150, example: 'Amazon Web Services' })
  @OptionalField()
  @IsString()
  @MaxLength(150)
  issuer?: string;
  @ApiPropertyOptional({ example: '2023-06' })
  @OptionalField()
  @Matches(PARTIAL_DATE, { message: DATE_MESSAGE })
  date?: string;
  @ApiPropertyOptional() @OptionalField() @IsHttpUrl() @MaxLength(500) url?: string;

  @EvidenceField()
  evidence?: EvidenceRefDto[];
}

/** JSON Resume: `languages[]`. */
export class LanguageDto {
  @ApiProperty({ maxLength: 60, example: 'German' }) @IsString() @Length(1, 60) language!: string;
  @ApiPropertyOptional({ maxLength: 60, example: 'Native speaker' })
  @OptionalField()
  @IsString()
  @MaxLength(60)
  fluency?: string;
}

/** The whole document. Sections are arrays (possibly empty); only `basics.name` is required. */
export class ResumeDocumentDto {
  @ApiProperty({ type: BasicsDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => BasicsDto)
  basics!: BasicsDto;

  @ApiPropertyOptional({ description: 'JSON Resume: `basics.summary`', maxLength: 2000 })
  @OptionalField()
  @IsString()
  @MaxLength(2000)
  summary?: string;

  @NestedList(() => SkillGroupDto, 20)
  skills!: SkillGroupDto[];

  @NestedList(() => ExperienceDto, 30, 'JSON Resume: `work`')
  experience!: ExperienceDto[];

  @NestedList(() => ProjectDto, 30)
  projects!: ProjectDto[];

  @NestedList(() => EducationDto, 10)
  education!: EducationDto[];

  @NestedList(() => CertificationDto, 30, 'JSON Resume: `certificates`')
  certifications!: CertificationDto[];

  @NestedList(() => LanguageDto, 20)
  languages!: LanguageDto[];
}

/** The plain-data shape of a document (what is stored and what the pure functions take). */
export type ResumeDocument = ResumeDocumentDto;
