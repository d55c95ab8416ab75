/** A GitHub answer remembered for a conditional request: its ETag, the value we made of it, its Link. */
export interface GithubCachedResponse<T = unknown> {
  readonly etag: string;
  readonly value: T;
  /** The `Link` header of a paginated answer, so a 304 page can still be followed to the next. */
  readonly link?: string;
  /** Epoch milliseconds when the answer was stored. */
  readonly storedAt: number;
}

/**
 * Version of the values the client stores (its mapping of GitHub answers: `GithubUserProfile`,
 * `GithubRepoSummary[]`, `GithubReadme`, ...). A shared store keys entries by it, so after a change of that
 * mapping a 304 never hands the new code a value in the old shape: bump it with such a change.
 */
export const GITHUB_CACHED_VALUE_VERSION = 1;

/**
 * Where the GitHub client keeps ETags and the values they validate, keyed by request (method, URL, media
 * type). A 304 answer costs no rate limit; the client then reuses the stored value. It also remembers, per
 * repository push, READMEs GitHub said do not exist (keys starting `MISSING`, empty `etag`, null value).
 * `GithubModule` binds the Redis-backed store (github-etag.redis-store.ts, shared by all processes) when
 * the app's Redis client is there, else this in-memory one per process. Implementations may drop entries
 * at any time, and should not throw: the client then simply asks without an ETag.
 */
export abstract class GithubEtagStore {
  abstract get(key: string): Promise<GithubCachedResponse | undefined>;
  abstract set(key: string, entry: GithubCachedResponse): Promise<void>;
}

/** In-memory store bounded to `maxEntries`, evicting the least recently used. */
export class InMemoryGithubEtagStore extends GithubEtagStore {
  private readonly entries = new Map<string, GithubCachedResponse>();

  constructor(private readonly maxEntries = 10_000) {
    super();
  }

  async get(key: string): Promise<GithubCachedResponse | undefined> {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  async set(key: string, entry: GithubCachedResponse): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}
