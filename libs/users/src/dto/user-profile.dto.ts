import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';

import { IsGithubUsername, IsLinkedInProfileUrl, normalizeLinkedInUrl } from '../profile.validators';
import { LLM_PROVIDERS, PAGE_SIZES, TEMPLATES } from '../user.schema';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Profile fields a request may set (each optional; absent fields are left as they are). */
export class UserProfileInputDto {
  @ApiPropertyOptional({
    description: "GitHub username (GitHub's rules: 1-39 chars, letters, digits, inner hyphens)",
    example: 'octocat',
  })
  @IsOptional()
  @Transform(trim)
  @IsGithubUsername()
  githubUsername?: string;

  @ApiPropertyOptional({
    description: 'LinkedIn profile URL; stored as https://www.linkedin.com/in/<slug>',
    example: 'linkedin.com/in/jane-doe',
  })
  @IsOptional()
  @IsLinkedInProfileUrl()
  @Transform(({ value }) => (typeof value === 'string' ? (normalizeLinkedInUrl(value) ?? value) : value))
  linkedinUrl?: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'Backend engineer, distributed systems' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  headline?: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'Berlin, Germany' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  location?: string;

  @ApiPropertyOptional({ description: 'Personal website (http or https)', example: 'https://jane.dev' })
  @IsOptional()
  @Transform(trim)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(300)
  website?: string;
}

export class UserPreferencesInputDto {
  @ApiPropertyOptional({ enum: TEMPLATES, description: 'Default resume template' })
  @IsOptional()
  @IsIn(TEMPLATES)
  defaultTemplate?: (typeof TEMPLATES)[number];

  @ApiPropertyOptional({ enum: PAGE_SIZES, description: 'Default page size' })
  @IsOptional()
  @IsIn(PAGE_SIZES)
  pageSize?: (typeof PAGE_SIZES)[number];

  @ApiPropertyOptional({ enum: LLM_PROVIDERS, description: 'Default LLM provider for generation' })
  @IsOptional()
  @IsIn(LLM_PROVIDERS)
  defaultLlmProvider?: (typeof LLM_PROVIDERS)[number];
}
