import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CursorPageQueryDto } from '@app/core';

import { ResumeDocumentDto } from '../document/resume-document.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

/** Title, tags and target: the resume's own metadata (not versioned). */
export class ResumeMetaInputDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200, example: 'Backend — Acme' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 20, example: ['backend', 'berlin'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ maxLength: 120, example: 'Acme GmbH' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(120)
  targetCompany?: string;

  @ApiPropertyOptional({ maxLength: 120, example: 'Senior Backend Engineer' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(120)
  targetRole?: string;
}

export class CreateResumeDto extends ResumeMetaInputDto {
  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Backend — Acme' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  declare title: string;

  @ApiProperty({ type: ResumeDocumentDto, description: 'Version 1 of the resume' })
  @ValidateNested()
  @Type(() => ResumeDocumentDto)
  document!: ResumeDocumentDto;

  @ApiPropertyOptional({ maxLength: 500, description: 'Why this version exists', example: 'First draft' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ImportJsonResumeDto extends ResumeMetaInputDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'A JSON Resume document (jsonresume.org schema v1)',
  })
  @IsObject()
  jsonResume!: Record<string, unknown>;
}

/**
 * `PATCH /resumes/{id}`: metadata and/or the document. `document` is a JSON Merge Patch (RFC 7396) on
 * the current document — send the whole document or only what changes (arrays are replaced, `null`
 * removes a field) — validated as a whole after merging; a document change creates version N+1.
 */
export class UpdateResumeDto extends ResumeMetaInputDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'JSON Merge Patch (RFC 7396) on the current document',
    example: { summary: 'Backend engineer focused on payments', basics: { label: 'Staff engineer' } },
  })
  @IsOptional()
  @IsObject()
  document?: Record<string, unknown>;

  @ApiPropertyOptional({ maxLength: 500, example: 'Tailored for Acme' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ListResumesQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive text in the title', maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ maxLength: 40 }) @IsOptional() @IsString() @MaxLength(40) tag?: string;

  @ApiPropertyOptional({ description: 'true: archived only; false: not archived; absent: both' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  archived?: boolean;

  @ApiPropertyOptional({ description: 'true: the soft-deleted ones (restorable) instead of the others' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  deleted?: boolean;

  @ApiPropertyOptional({ description: 'Case-insensitive text in the target company', maxLength: 120 })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  targetCompany?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive text in the target role', maxLength: 120 })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  targetRole?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created at or after' })
  @IsOptional()
  @IsDateString()
  createdFrom?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Created before' })
  @IsOptional()
  @IsDateString()
  createdTo?: string;
}

export class DeleteResumeQueryDto {
  @ApiPropertyOptional({
    description: 'true: delete for good, with every version and artifact; default: soft delete (restorable)',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  permanent?: boolean;
}

export class ResumeIdParamsDto {
  @ApiProperty({ example: '665f1c2e9b1d8a3f4c2e1a0b' })
  @IsString()
  id!: string;
}

export class VersionParamsDto extends ResumeIdParamsDto {
  @ApiProperty({ minimum: 1, example: 2 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  v!: number;
}

export class DiffParamsDto extends ResumeIdParamsDto {
  @ApiProperty({ minimum: 1, example: 1, description: 'The older version' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  a!: number;

  @ApiProperty({ minimum: 1, example: 2, description: 'The newer version' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  b!: number;
}

export class ArtifactParamsDto extends VersionParamsDto {
  @ApiProperty({ enum: ['markdown', 'json-resume', 'tex', 'pdf'] })
  @IsIn(['markdown', 'json-resume', 'tex', 'pdf'])
  kind!: 'markdown' | 'json-resume' | 'tex' | 'pdf';
}
