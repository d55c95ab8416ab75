import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock, DomainError } from '@app/core';

import { GITHUB_CLIENT_OPTIONS, type GithubClientOptions } from './github-client.options';
import { GithubErrorCode } from './github.errors';
import { assertUsername, GithubClient } from './github.client';
import {
  type GithubContributionCounts,
  type GithubProfileSnapshot,
  type GithubRepoSnapshot,
  type GithubRepoSummary,
  type GithubUserProfile,
} from './github-profile.snapshot';

export interface GithubIngestOptions {
  /** Include forks (marked `fork: true`) with their languages and README. Default false. */
  includeForks?: boolean;
}

interface Highlights {
  pinned: readonly string[] | null;
  contributions: GithubContributionCounts | null;
}

const NO_HIGHLIGHTS: Highlights = { pinned: null, contributions: null };

/**
 * Gathers what GitHub says about a developer: the profile, every owned public repository (forks left out
 * unless asked for, archived ones marked) and per repository its languages and README text. A refresh
 * whose data did not change is answered from ETags (304s) and costs no rate limit. With a token, pinned
 * repositories and contribution counts come from one GraphQL query alongside; that part is optional: when
 * it fails it is logged and left null, and the ingestion goes on.
 */
@Injectable()
export class GithubIngestionService {
  private readonly logger = new Logger(GithubIngestionService.name);

  constructor(
    private readonly github: GithubClient,
    private readonly clock: Clock,
    @Inject(GITHUB_CLIENT_OPTIONS) private readonly options: GithubClientOptions,
  ) {}

  async ingest(username: string, options: GithubIngestOptions = {}): Promise<GithubProfileSnapshot> {
    assertUsername(username);
    const profile = await this.github.getUser(username);
    // Never rejects, so it may run on while the REST part fails.
    const highlights = this.highlights(profile);
    const owned = await this.github.listOwnedRepos(profile.login);
    const selected = options.includeForks ? owned : owned.filter((repo) => !repo.fork);
    const detailed = await mapWithLimit(selected, Math.max(1, this.options.concurrency), (repo) =>
      this.details(repo),
    );
    return {
      source: 'github',
      login: profile.login,
      fetchedAt: this.clock.now().toISOString(),
      profile,
      repos: detailed.filter((repo): repo is GithubRepoSnapshot => repo !== undefined),
      ownedRepoCount: owned.length,
      forksExcluded: owned.length - selected.length,
      ...(await highlights),
    };
  }

  /** Pinned repositories and contribution counts (GraphQL); nulls without a token, for orgs, or on failure. */
  private async highlights(profile: GithubUserProfile): Promise<Highlights> {
    if (!this.github.graphqlEnabled || profile.type !== 'User') return NO_HIGHLIGHTS;
    try {
      const { pinned, contributions } = await this.github.getProfileHighlights(profile.login);
      return { pinned, contributions };
    } catch (error) {
      const reason = error instanceof DomainError ? `${error.code}: ${error.message}` : String(error);
      this.logger.warn(`pinned repositories and contributions of ${profile.login} left out (${reason})`);
      return NO_HIGHLIGHTS;
    }
  }

  /** Languages and README of one repository; undefined when it disappeared since it was listed. */
  private async details(repo: GithubRepoSummary): Promise<GithubRepoSnapshot | undefined> {
    try {
      const [languages, readme] = await Promise.all([
        this.github.getLanguages(repo.owner, repo.name),
        this.github.getReadme(repo.owner, repo.name, repo),
      ]);
      return { ...repo, languages, readme };
    } catch (error) {
      if (error instanceof DomainError && error.code === GithubErrorCode.RepoNotFound) return undefined;
      throw error;
    }
  }
}

/**
 * `fn` over `items` with at most `limit` in flight, results in input order. After the first failure no
 * new item starts, and that failure is thrown once the running ones have settled.
 */
export async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failure && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index]);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
}
