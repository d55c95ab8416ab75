import { Inject, Injectable } from '@nestjs/common';
import { type CacheResult, LayeredCache } from '@app/cache';
import { type AppConfig, APP_CONFIG, Clock } from '@app/core';

import { type GithubPreviewDto } from './dto/github-preview.dto';
import { type GithubProfileSnapshot } from './github/github-profile.snapshot';
import { GithubIngestionService } from './github/github-ingestion.service';
import { type LinkedInExport } from './linkedin/linkedin-export.types';
import { LinkedInImportService } from './linkedin/linkedin-import.service';
import { CandidateProfileBuilder } from './profile/candidate-profile.builder';

/** Cache namespace of GitHub-derived profiles (admin stats and purge: /api/v1/cache). */
export const GITHUB_PROFILES_NAMESPACE = 'github-profiles';

/** Evidence from outside sources: GitHub through the cache, LinkedIn exports; previews of what they give. */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly github: GithubIngestionService,
    private readonly linkedIn: LinkedInImportService,
    private readonly cache: LayeredCache,
    private readonly builder: CandidateProfileBuilder,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A GitHub user's profile and repositories, from the cache when fresh (Redis, then MongoDB; TTL
   * GITHUB_PROFILE_CACHE_TTL_MS); `refresh` fetches again. Concurrent requests for the same user share one
   * fetch. The answer says where it came from and how old it is.
   */
  async previewGithub(
    username: string,
    options: { includeForks: boolean; refresh: boolean },
  ): Promise<GithubPreviewDto> {
    const cached = await this.githubSnapshot(username, options);
    const snapshot = cached.value;
    return {
      ...snapshot,
      repos: snapshot.repos.map((repo) => ({
        ...repo,
        topics: [...repo.topics],
        languages: { ...repo.languages },
      })),
      candidateProfile: this.builder.build({ github: snapshot }, this.clock.now()),
      cache: {
        source: cached.source,
        ageSeconds: Math.round(cached.ageMs / 1000),
        cachedAt: cached.cachedAt.toISOString(),
      },
    };
  }

  /** A GitHub user's snapshot through the cache (see previewGithub), with where it came from. */
  githubSnapshot(
    username: string,
    options: { includeForks: boolean; refresh: boolean },
  ): Promise<CacheResult<GithubProfileSnapshot>> {
    const key = `${username.toLowerCase()}${options.includeForks ? ':forks' : ''}`;
    return this.cache.getOrLoad<GithubProfileSnapshot>(
      GITHUB_PROFILES_NAMESPACE,
      key,
      () => this.github.ingest(username, { includeForks: options.includeForks }),
      { ttlMs: this.config.cache.githubProfileTtlMs, refresh: options.refresh },
    );
  }

  /** What a LinkedIn data export says (parsed with the archive limits; nothing stored yet). */
  previewLinkedIn(archive: Buffer): Promise<LinkedInExport> {
    return this.linkedIn.importArchive(archive);
  }
}
