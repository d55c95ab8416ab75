import { Inject, Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@app/core';

import { GITHUB_CLIENT_OPTIONS, type GithubClientOptions } from './github-client.options';
import { GithubErrorCode } from './github.errors';
import { assertUsername, GithubClient } from './github.client';
import {
  type GithubProfileSnapshot,
  type GithubRepoSnapshot,
  type GithubRepoSummary,
} from './github-profile.snapshot';

export interface GithubIngestOptions {
  /** Include forks (marked `fork: true`) with their languages and README. Default false. */
  includeForks?: boolean;
}

/**
 * Gathers what GitHub says about a developer: the profile, every owned public repository (forks left out
 * unless asked for, archived ones marked) and per repository its languages and README text. A refresh
 * whose data did not change is answered from ETags (304s) and costs no rate limit.
 */
@Injectable()
export class GithubIngestionService {
  constructor(
    private readonly github: GithubClient,
    private readonly clock: Clock,
    @Inject(GITHUB_CLIENT_OPTIONS) private readonly options: GithubClientOptions,
  ) {}

  async ingest(username: string, options: GithubIngestOptions = {}): Promise<GithubProfileSnapshot> {
    assertUsername(username);
    const profile = await this.github.getUser(username);
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
    };
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
