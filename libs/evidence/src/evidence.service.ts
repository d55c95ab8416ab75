import { Inject, Injectable } from '@nestjs/common';
import { LayeredCache } from '@app/cache';
import { type AppConfig, APP_CONFIG } from '@app/core';

import { type GithubPreviewDto } from './dto/github-preview.dto';
import { type GithubProfileSnapshot } from './github/github-profile.snapshot';
import { GithubIngestionService } from './github/github-ingestion.service';
import { type LinkedInExport } from './linkedin/linkedin-export.types';
import { LinkedInImportService } from './linkedin/linkedin-import.service';

/** Cache namespace of GitHub-derived profiles (admin stats and purge: /api/v1/cache). */
export const GITHUB_PROFILES_NAMESPACE = 'github-profiles';

/** Evidence gathering across sources (GitHub now; LinkedIn exports and stored profiles next). */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly github: GithubIngestionService,
    private readonly linkedIn: LinkedInImportService,
    private readonly cache: LayeredCache,
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
    const key = `${username.toLowerCase()}${options.includeForks ? ':forks' : ''}`;
    const cached = await this.cache.getOrLoad<GithubProfileSnapshot>(
      GITHUB_PROFILES_NAMESPACE,
      key,
      () => this.github.ingest(username, { includeForks: options.includeForks }),
      { ttlMs: this.config.cache.githubProfileTtlMs, refresh: options.refresh },
    );
    const snapshot = cached.value;
    return {
      ...snapshot,
      repos: snapshot.repos.map((repo) => ({
        ...repo,
        topics: [...repo.topics],
        languages: { ...repo.languages },
      })),
      cache: {
        source: cached.source,
        ageSeconds: Math.round(cached.ageMs / 1000),
        cachedAt: cached.cachedAt.toISOString(),
      },
    };
  }

  /** What a LinkedIn data export says (parsed with the archive limits; nothing stored yet). */
  previewLinkedIn(archive: Buffer): Promise<LinkedInExport> {
    return this.linkedIn.importArchive(archive);
  }
}
