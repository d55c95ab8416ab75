/**
 * What GitHub ingestion returns: plain, JSON-safe objects (dates as ISO strings), ready to be cached and
 * normalised into a CandidateProfile. Nothing here is an Octokit type.
 */

export interface GithubUserProfile {
  readonly login: string;
  readonly id: number;
  /** `User` or `Organization`. */
  readonly type: string;
  readonly name: string | null;
  readonly bio: string | null;
  readonly company: string | null;
  /** The profile's website (GitHub's `blog` field), or null when empty. */
  readonly website: string | null;
  readonly location: string | null;
  readonly email: string | null;
  readonly hireable: boolean | null;
  readonly twitterUsername: string | null;
  readonly avatarUrl: string;
  readonly htmlUrl: string;
  readonly publicRepos: number;
  readonly followers: number;
  readonly following: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface GithubLicense {
  /** GitHub's licence key, e.g. `mit`. */
  readonly key: string;
  /** SPDX id, e.g. `MIT`; null when GitHub could not tell (`NOASSERTION`). */
  readonly spdxId: string | null;
  readonly name: string;
}

/** A repository as the owner's repository list describes it. */
export interface GithubRepoSummary {
  readonly id: number;
  readonly owner: string;
  readonly name: string;
  readonly fullName: string;
  readonly htmlUrl: string;
  readonly description: string | null;
  readonly fork: boolean;
  readonly archived: boolean;
  readonly isTemplate: boolean;
  readonly topics: readonly string[];
  readonly stars: number;
  readonly forks: number;
  readonly watchers: number;
  /** GitHub's primary language (most bytes), or null. */
  readonly primaryLanguage: string | null;
  readonly homepage: string | null;
  readonly license: GithubLicense | null;
  readonly defaultBranch: string | null;
  readonly sizeKb: number;
  readonly createdAt: string | null;
  readonly updatedAt: string | null;
  readonly pushedAt: string | null;
}

export interface GithubReadme {
  readonly path: string;
  readonly htmlUrl: string | null;
  /** The README with Markdown stripped, cut to the configured size. */
  readonly text: string;
  readonly truncated: boolean;
}

export interface GithubRepoSnapshot extends GithubRepoSummary {
  /** Bytes of code per language. */
  readonly languages: Readonly<Record<string, number>>;
  readonly readme: GithubReadme | null;
}

export interface GithubProfileSnapshot {
  readonly source: 'github';
  readonly login: string;
  readonly fetchedAt: string;
  readonly profile: GithubUserProfile;
  /** Owned public repositories, most recently pushed first; forks only when asked for. */
  readonly repos: readonly GithubRepoSnapshot[];
  /** Owned public repositories listed, forks included. */
  readonly ownedRepoCount: number;
  /** Forks left out (0 when forks were included). */
  readonly forksExcluded: number;
  /**
   * Repositories pinned on the profile, as `owner/name` in pin order (they may belong to others). Null when
   * not fetched: GraphQL needs a token, organizations have none, and a failed GraphQL call leaves it out.
   */
  readonly pinned: readonly string[] | null;
  /** What GitHub counts as the user's contributions over the last year; null when not fetched (as `pinned`). */
  readonly contributions: GithubContributionCounts | null;
}

/** GitHub's contribution counts (GraphQL `contributionsCollection`, by default the last year). */
export interface GithubContributionCounts {
  readonly commits: number;
  readonly pullRequests: number;
  readonly pullRequestReviews: number;
  readonly issues: number;
  /** Contributions to private repositories, counted without detail (0 unless the user shares them). */
  readonly restricted: number;
  /** Start of the counted period (ISO). */
  readonly from: string;
  /** End of the counted period (ISO). */
  readonly to: string;
}

/** What one GraphQL query tells about a user beyond the REST profile. */
export interface GithubProfileHighlights {
  readonly pinned: readonly string[];
  readonly contributions: GithubContributionCounts;
}

export interface GithubRateLimitState {
  readonly limit: number;
  readonly remaining: number;
  readonly used: number;
  /** When the window resets (ISO). */
  readonly resetAt: string;
}
