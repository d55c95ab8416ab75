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
 * Where the GitHub client keeps ETags and the values they validate, keyed by request (method, URL, media
 * type). A 304 answer costs no rate limit; the client then reuses the stored value. It also remembers, per
 * repository push, READMEs GitHub said do not exist (keys starting `MISSING`, empty `etag`, null value).
 * The default keeps them in memory per process; a Mongo- or Redis-backed implementation can replace it
 * (bind this class as the token; values are plain JSON). Implementations may drop entries at any time:
 * the client then simply asks without an ETag.
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
