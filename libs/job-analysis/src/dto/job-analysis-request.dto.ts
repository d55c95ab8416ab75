import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, Length, MaxLength } from 'class-validator';
import { CursorPageQueryDto } from '@app/core';

/**
 * Raw size accepted before HTML is stripped (bounds the stripping work; the body limit bounds it too); the
 * analysed text must then be 50–50,000 characters. Both are checked by the service and answered with a 422.
 */
export const MAX_RAW_DESCRIPTION_CHARS = 500_000;
export const MIN_DESCRIPTION_CHARS = 50;
export const MAX_DESCRIPTION_CHARS = 50_000;

export class CreateJobAnalysisDto {
  @ApiProperty({
    description:
      'The job description: plain text, Markdown or HTML (tags are stripped). After stripping and trimming it ' +
      `must be ${MIN_DESCRIPTION_CHARS}–${MAX_DESCRIPTION_CHARS} characters of text (422 otherwise)`,
    maxLength: MAX_RAW_DESCRIPTION_CHARS,
    example:
      'Senior Backend Engineer\n\nRequirements:\n- 5+ years of Go\n- PostgreSQL, Kafka\n\nNice to have:\n- Kubernetes',
  })
  @IsString()
  description!: string;

  @ApiPropertyOptional({
    example: 'Senior Backend Engineer',
    maxLength: 200,
    description: 'Decides seniority first',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  title?: string;

  @ApiPropertyOptional({ example: 'Acme Payments', maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  company?: string;

  @ApiPropertyOptional({
    example: 'https://jobs.example.com/123',
    maxLength: 2000,
    description: 'Where the posting is; stored, never fetched',
  })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  url?: string;
}

export class JobAnalysisIdParamsDto {
  @ApiProperty({ example: '665f1c2e9b1d8a3f4c2e1a0b' })
  @IsString()
  id!: string;
}

export class ListJobAnalysesQueryDto extends CursorPageQueryDto {}
