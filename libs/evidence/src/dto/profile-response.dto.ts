import { ApiProperty } from '@nestjs/swagger';
import { CursorPageMetaDto } from '@app/core';

import { CandidateProfileDataDto } from './candidate-profile.dto';

export class GithubSourceInfoDto {
  @ApiProperty({ example: 'octocat' }) username!: string;
  @ApiProperty() includeForks!: boolean;
  @ApiProperty({ format: 'date-time', description: 'When the GitHub data was fetched' }) fetchedAt!: string;
}

export class LinkedInSourceInfoDto {
  @ApiProperty({ format: 'date-time' }) importedAt!: string;
  @ApiProperty({
    type: [String],
    example: ['Profile.csv', 'Positions.csv'],
    description: 'Files the export held',
  })
  files!: string[];
}

export class JsonResumeSourceInfoDto {
  @ApiProperty({ format: 'date-time' }) importedAt!: string;
}

export class ProfileSourcesDto {
  @ApiProperty({ type: GithubSourceInfoDto, nullable: true }) github!: GithubSourceInfoDto | null;
  @ApiProperty({ type: LinkedInSourceInfoDto, nullable: true }) linkedin!: LinkedInSourceInfoDto | null;
  @ApiProperty({ type: JsonResumeSourceInfoDto, nullable: true }) jsonResume!: JsonResumeSourceInfoDto | null;
}

export class ProfileSummaryDto {
  @ApiProperty({ example: '665f1c2e9b1d8a3f4c2e1a0b' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) label!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The profile’s name (identity.name)' })
  name!: string | null;
  @ApiProperty({ type: String, nullable: true }) headline!: string | null;
  @ApiProperty({ type: ProfileSourcesDto }) sources!: ProfileSourcesDto;
  @ApiProperty() skillCount!: number;
  @ApiProperty() projectCount!: number;
  @ApiProperty() positionCount!: number;
  @ApiProperty({ type: [String], example: ['TypeScript', 'Go'], description: 'The five strongest skills' })
  topSkills!: string[];
  @ApiProperty({ description: 'Counts rebuilds (refresh, source changes); starts at 1' }) revision!: number;
  @ApiProperty({ format: 'date-time' }) builtAt!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ProfileDto extends ProfileSummaryDto {
  @ApiProperty({ type: CandidateProfileDataDto }) profile!: CandidateProfileDataDto;
}

export class ProfilePageDto extends CursorPageMetaDto {
  @ApiProperty({ type: [ProfileSummaryDto] }) items!: ProfileSummaryDto[];
}
