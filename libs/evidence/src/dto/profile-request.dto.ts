import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsObject,
  IsOptional,
  IsString,
  Length,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CursorPageQueryDto } from '@app/core';

export class GithubSourceDto {
  @ApiProperty({ example: 'octocat', description: 'GitHub username (checked before any call to GitHub)' })
  @IsString()
  username!: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Include forked repositories (they never count as skills)',
  })
  @IsOptional()
  @IsBoolean()
  includeForks?: boolean;
}

const JSON_RESUME_PROPERTY = {
  type: 'object',
  additionalProperties: true,
  description: 'A JSON Resume document (jsonresume.org schema v1); validated, errors listed per path',
} as const;

/**
 * `POST /profiles`: the sources to build the profile from. A LinkedIn export is attached afterwards with
 * `PUT /profiles/{id}/linkedin` (it is a file upload), so a profile may start with no source at all.
 */
export class CreateProfileDto {
  @ApiPropertyOptional({ example: 'Main profile', maxLength: 120 })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  label?: string;

  @ApiPropertyOptional({ type: GithubSourceDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => GithubSourceDto)
  github?: GithubSourceDto;

  @ApiPropertyOptional(JSON_RESUME_PROPERTY)
  @IsOptional()
  @IsObject()
  jsonResume?: Record<string, unknown>;
}

/** `PATCH /profiles/{id}`: change the label or replace/remove a source (`null` removes); the profile is rebuilt. */
export class UpdateProfileDto {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 120 })
  @ValidateIf((_object: unknown, value: unknown) => value !== undefined && value !== null)
  @IsString()
  @Length(1, 120)
  label?: string | null;

  @ApiPropertyOptional({ type: GithubSourceDto, nullable: true })
  @ValidateIf((_object: unknown, value: unknown) => value !== undefined && value !== null)
  @ValidateNested()
  @Type(() => GithubSourceDto)
  github?: GithubSourceDto | null;

  @ApiPropertyOptional({ ...JSON_RESUME_PROPERTY, nullable: true })
  @ValidateIf((_object: unknown, value: unknown) => value !== undefined && value !== null)
  @IsObject()
  jsonResume?: Record<string, unknown> | null;
}

export class ProfileIdParamsDto {
  @ApiProperty({ example: '665f1c2e9b1d8a3f4c2e1a0b' })
  @IsString()
  id!: string;
}

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class ListProfilesQueryDto extends CursorPageQueryDto {}

export class ProfileViewQueryDto {
  @ApiPropertyOptional({
    default: false,
    description: 'Leave out the fact index (`profile.evidence`), which can be large',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  withoutEvidence?: boolean;
}
