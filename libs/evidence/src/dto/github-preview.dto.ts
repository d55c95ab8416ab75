import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString } from 'class-validator';

import { CandidateProfileDataDto } from './candidate-profile.dto';

const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

export class GithubPreviewParamsDto {
  @ApiProperty({
    description: 'GitHub username (validated by GitHub’s rules before any call)',
    example: 'octocat',
  })
  @IsString()
  username!: string;
}

export class GithubPreviewQueryDto {
  @ApiPropertyOptional({ description: 'Include forked repositories (left out by default)', default: false })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  includeForks?: boolean;

  @ApiPropertyOptional({
    description: 'Fetch from GitHub again instead of answering from the cache',
    default: false,
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  refresh?: boolean;
}

/** Where an answer came from: the cache (Redis or MongoDB) or GitHub itself, and how old it is. */
export class CacheInfoDto {
  @ApiProperty({
    enum: ['redis', 'mongo', 'origin'],
    description: '`origin`: fetched from GitHub for this request',
  })
  source!: 'redis' | 'mongo' | 'origin';
  @ApiProperty({ example: 42 }) ageSeconds!: number;
  @ApiProperty({ format: 'date-time' }) cachedAt!: string;
}

export class GithubUserProfileDto {
  @ApiProperty({ example: 'octocat' }) login!: string;
  @ApiProperty() id!: number;
  @ApiProperty({ example: 'User' }) type!: string;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ type: String, nullable: true }) bio!: string | null;
  @ApiProperty({ type: String, nullable: true }) company!: string | null;
  @ApiProperty({ type: String, nullable: true }) website!: string | null;
  @ApiProperty({ type: String, nullable: true }) location!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) hireable!: boolean | null;
  @ApiProperty({ type: String, nullable: true }) twitterUsername!: string | null;
  @ApiProperty() avatarUrl!: string;
  @ApiProperty() htmlUrl!: string;
  @ApiProperty() publicRepos!: number;
  @ApiProperty() followers!: number;
  @ApiProperty() following!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class GithubLicenseDto {
  @ApiProperty({ example: 'mit' }) key!: string;
  @ApiProperty({ type: String, nullable: true, example: 'MIT' }) spdxId!: string | null;
  @ApiProperty({ example: 'MIT License' }) name!: string;
}

export class GithubReadmeDto {
  @ApiProperty({ example: 'README.md' }) path!: string;
  @ApiProperty({ type: String, nullable: true }) htmlUrl!: string | null;
  @ApiProperty({
    description: 'The README as plain text (Markdown stripped), cut to GITHUB_README_MAX_BYTES',
  })
  text!: string;
  @ApiProperty() truncated!: boolean;
}

export class GithubRepoDto {
  @ApiProperty() id!: number;
  @ApiProperty() owner!: string;
  @ApiProperty() name!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty() htmlUrl!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty() fork!: boolean;
  @ApiProperty() archived!: boolean;
  @ApiProperty() isTemplate!: boolean;
  @ApiProperty({ type: [String] }) topics!: string[];
  @ApiProperty() stars!: number;
  @ApiProperty() forks!: number;
  @ApiProperty() watchers!: number;
  @ApiProperty({ type: String, nullable: true }) primaryLanguage!: string | null;
  @ApiProperty({ type: String, nullable: true }) homepage!: string | null;
  @ApiProperty({ type: GithubLicenseDto, nullable: true }) license!: GithubLicenseDto | null;
  @ApiProperty({ type: String, nullable: true }) defaultBranch!: string | null;
  @ApiProperty() sizeKb!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) createdAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) pushedAt!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Bytes of code per language',
    example: { TypeScript: 52311, Go: 1200 },
  })
  languages!: Record<string, number>;
  @ApiProperty({ type: GithubReadmeDto, nullable: true }) readme!: GithubReadmeDto | null;
}

/** GitHub's contribution counts for a period (by default the last year), from its GraphQL API. */
export class GithubContributionCountsDto {
  @ApiProperty({ description: 'Commits GitHub counts as contributions', example: 412 }) commits!: number;
  @ApiProperty({ description: 'Pull requests opened', example: 38 }) pullRequests!: number;
  @ApiProperty({ description: 'Pull request reviews', example: 57 }) pullRequestReviews!: number;
  @ApiProperty({ description: 'Issues opened', example: 12 }) issues!: number;
  @ApiProperty({
    description: 'Contributions to private repositories, counted without detail',
    example: 0,
  })
  restricted!: number;
  @ApiProperty({ format: 'date-time', description: 'Start of the counted period' }) from!: string;
  @ApiProperty({ format: 'date-time', description: 'End of the counted period' }) to!: string;
}

/** A GitHub-derived view of a candidate, not stored. */
export class GithubPreviewDto {
  @ApiProperty({ enum: ['github'] }) source!: 'github';
  @ApiProperty({ example: 'octocat' }) login!: string;
  @ApiProperty({ format: 'date-time' }) fetchedAt!: string;
  @ApiProperty({ type: GithubUserProfileDto }) profile!: GithubUserProfileDto;
  @ApiProperty({
    type: [GithubRepoDto],
    description: 'Owned public repositories, most recently pushed first',
  })
  repos!: GithubRepoDto[];
  @ApiProperty({ description: 'Owned public repositories listed, forks included' }) ownedRepoCount!: number;
  @ApiProperty({ description: 'Forks left out (0 when forks were included)' }) forksExcluded!: number;
  @ApiProperty({
    type: [String],
    nullable: true,
    description:
      'Repositories pinned on the profile, as owner/name in pin order (they may belong to others). ' +
      'null when not fetched: this needs GitHub’s GraphQL API, so a configured GITHUB_TOKEN; ' +
      'organizations have none; a failed GraphQL call leaves it null',
    example: ['octocat/hello-world', 'octo-org/octo-tool'],
  })
  pinned!: readonly string[] | null;
  @ApiProperty({
    type: GithubContributionCountsDto,
    nullable: true,
    description: 'GitHub’s contribution counts over the last year; null when not fetched (as pinned)',
  })
  contributions!: GithubContributionCountsDto | null;
  @ApiProperty({
    type: CandidateProfileDataDto,
    description:
      'The CandidateProfile GitHub alone gives (as POST /api/v1/profiles would build it); not stored',
  })
  candidateProfile!: CandidateProfileDataDto;
  @ApiProperty({ type: CacheInfoDto }) cache!: CacheInfoDto;
}
