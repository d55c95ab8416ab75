import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CursorPageMetaDto, CursorPageQueryDto, SCOPES, type Scope } from '@app/core';

import { LLM_PROVIDERS, PAGE_SIZES, ROLES, TEMPLATES } from '../user.schema';

export class UserProfileDto {
  @ApiPropertyOptional({ example: 'octocat' }) githubUsername?: string;
  @ApiPropertyOptional({ example: 'https://www.linkedin.com/in/jane-doe' }) linkedinUrl?: string;
  @ApiPropertyOptional({ example: 'Backend engineer' }) headline?: string;
  @ApiPropertyOptional({ example: 'Berlin, Germany' }) location?: string;
  @ApiPropertyOptional({ example: 'https://jane.dev' }) website?: string;
}

export class UserPreferencesDto {
  @ApiProperty({ enum: TEMPLATES }) defaultTemplate!: (typeof TEMPLATES)[number];
  @ApiProperty({ enum: PAGE_SIZES }) pageSize!: (typeof PAGE_SIZES)[number];
  @ApiProperty({ enum: LLM_PROVIDERS }) defaultLlmProvider!: (typeof LLM_PROVIDERS)[number];
}

export class UserDto {
  @ApiProperty({ example: '665f1c2e9b1d8a3f4c2e1a0b' }) id!: string;
  @ApiProperty({ example: 'jane@example.com' }) email!: string;
  @ApiProperty({ example: 'Jane Doe' }) name!: string;
  @ApiProperty({ enum: ROLES }) role!: (typeof ROLES)[number];
  @ApiProperty({ type: UserProfileDto }) profile!: UserProfileDto;
  @ApiProperty({ type: UserPreferencesDto }) preferences!: UserPreferencesDto;
  @ApiProperty({ description: 'False once an admin deactivated the user (their keys stop working)' })
  active!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deactivatedAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class UserPageDto extends CursorPageMetaDto {
  @ApiProperty({ type: [UserDto] }) items!: UserDto[];
}

export class ListUsersQueryDto extends CursorPageQueryDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: (typeof ROLES)[number];

  @ApiPropertyOptional({ enum: ['active', 'deactivated'] })
  @IsOptional()
  @IsIn(['active', 'deactivated'])
  status?: 'active' | 'deactivated';

  @ApiPropertyOptional({ description: 'Case-insensitive text in the name or email', maxLength: 100 })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(100)
  q?: string;
}

/** The key making the request, as the server sees it (no database read). */
export class CurrentKeyDto {
  @ApiProperty({ example: '665f1c2e9b1d8a3f4c2e1a0b' }) userId!: string;
  @ApiProperty({ enum: ROLES }) role!: (typeof ROLES)[number];
  @ApiProperty({ example: '665f1c2e9b1d8a3f4c2e1a0c' }) keyId!: string;
  @ApiProperty({ example: 'llm_live_ab12cd34' }) prefix!: string;
  @ApiProperty({
    enum: SCOPES,
    isArray: true,
    description: 'Effective scopes (admin only while the user is an admin)',
  })
  scopes!: Scope[];
}
