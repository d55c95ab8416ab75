/**
 * The seeded data a `FakeGithubServer` serves: users and the repositories they own. Everything a test does
 * not set gets a deterministic default (ids, dates, counts), so two runs serve byte-identical bodies and
 * therefore the same ETags.
 */

export type FakeGithubAccountType = 'User' | 'Organization';

export interface FakeGithubUserSeed {
  login: string;
  id?: number;
  type?: FakeGithubAccountType;
  name?: string | null;
  company?: string | null;
  /** The profile's website field (GitHub calls it `blog`). */
  blog?: string | null;
  location?: string | null;
  email?: string | null;
  hireable?: boolean | null;
  bio?: string | null;
  twitterUsername?: string | null;
  followers?: number;
  following?: number;
  publicGists?: number;
  createdAt?: string;
  updatedAt?: string;
  /**
   * Pinned repositories in pin order (at most 6), as GraphQL's `pinnedItems` lists them: a name of one of
   * the user's own repositories, or `owner/name` of any repository.
   */
  pinned?: readonly string[];
  /** Counts of the GraphQL `contributionsCollection` (last year); unset ones are 0. */
  contributions?: Partial<FakeGithubContributions>;
}

/** What GraphQL's `contributionsCollection` counts for a user over the last year. */
export interface FakeGithubContributions {
  commits: number;
  pullRequests: number;
  pullRequestReviews: number;
  issues: number;
  /** Contributions to private repositories the viewer cannot see (`restrictedContributionsCount`). */
  restricted: number;
}

export interface FakeGithubRepoSeed {
  name: string;
  description?: string | null;
  fork?: boolean;
  archived?: boolean;
  /** Bytes per language, as `GET /repos/{owner}/{repo}/languages` reports them. */
  languages?: Record<string, number>;
  /** README Markdown; `null` means the repository has no README (the readme route answers 404). */
  readme?: string | null;
  readmePath?: string;
  topics?: string[];
  /** A licence key GitHub knows (`mit`, `apache-2.0`, ...), or null for none. */
  license?: string | null;
  homepage?: string | null;
  stars?: number;
  forks?: number;
  openIssues?: number;
  /** Size in KB, as GitHub reports it. */
  size?: number;
  defaultBranch?: string;
  isTemplate?: boolean;
  createdAt?: string;
  updatedAt?: string;
  pushedAt?: string;
}

export interface FakeGithubUser {
  readonly id: number;
  readonly login: string;
  readonly type: FakeGithubAccountType;
  readonly name: string | null;
  readonly company: string | null;
  readonly blog: string;
  readonly location: string | null;
  readonly email: string | null;
  readonly hireable: boolean | null;
  readonly bio: string | null;
  readonly twitterUsername: string | null;
  readonly followers: number;
  readonly following: number;
  readonly publicGists: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Pinned repositories as seeded (`name` or `owner/name`), in pin order. */
  readonly pinned: readonly string[];
  readonly contributions: Readonly<FakeGithubContributions>;
}

export interface FakeGithubRepo {
  readonly id: number;
  readonly ownerLogin: string;
  readonly name: string;
  readonly description: string | null;
  readonly fork: boolean;
  readonly archived: boolean;
  readonly languages: Readonly<Record<string, number>>;
  readonly readme: string | null;
  readonly readmePath: string;
  readonly topics: readonly string[];
  readonly license: string | null;
  readonly homepage: string | null;
  readonly stars: number;
  readonly forks: number;
  readonly openIssues: number;
  readonly size: number;
  readonly defaultBranch: string;
  readonly isTemplate: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly pushedAt: string;
}

/** Licences GitHub detects, by key: the SPDX id and display name its API reports. */
export const FAKE_GITHUB_LICENSES: Readonly<Record<string, { spdxId: string; name: string }>> = {
  mit: { spdxId: 'MIT', name: 'MIT License' },
  'apache-2.0': { spdxId: 'Apache-2.0', name: 'Apache License 2.0' },
  'gpl-3.0': { spdxId: 'GPL-3.0', name: 'GNU General Public License v3.0' },
  'bsd-3-clause': { spdxId: 'BSD-3-Clause', name: 'BSD 3-Clause "New" or "Revised" License' },
  'mpl-2.0': { spdxId: 'MPL-2.0', name: 'Mozilla Public License 2.0' },
  isc: { spdxId: 'ISC', name: 'ISC License' },
  unlicense: { spdxId: 'Unlicense', name: 'The Unlicense' },
  other: { spdxId: 'NOASSERTION', name: 'Other' },
};

const BASE_TIME = Date.UTC(2019, 0, 1);
const DAY_MS = 24 * 60 * 60 * 1000;
const isoDay = (days: number): string =>
  new Date(BASE_TIME + days * DAY_MS).toISOString().replace('.000Z', 'Z');

/** The variety `addRepos(login, n)` cycles through, so generated repos are not all alike. */
const GENERATED_LANGUAGES: readonly Record<string, number>[] = [
  { TypeScript: 48_210, JavaScript: 3_120, Shell: 410 },
  { Python: 30_500, Dockerfile: 620 },
  { Go: 22_040, Makefile: 300 },
  { Rust: 41_900 },
  { Java: 18_700, Kotlin: 4_200 },
];
const GENERATED_TOPICS: readonly string[][] = [
  ['api', 'nestjs'],
  ['cli'],
  [],
  ['data', 'etl', 'python'],
  ['web'],
];
const GENERATED_LICENSES: readonly (string | null)[] = ['mit', 'apache-2.0', null, 'gpl-3.0', 'mit'];

/** GitHub lets a profile pin at most six items. */
export const FAKE_GITHUB_MAX_PINNED = 6;
const NO_CONTRIBUTIONS: FakeGithubContributions = {
  commits: 0,
  pullRequests: 0,
  pullRequestReviews: 0,
  issues: 0,
  restricted: 0,
};

export class FakeGithubDataset {
  private readonly users = new Map<string, FakeGithubUser>();
  /** Repos per lower-cased owner login, in insertion order. */
  private readonly repos = new Map<string, FakeGithubRepo[]>();
  private nextUserId = 1_000;
  private nextRepoId = 100_000;

  addUser(seed: FakeGithubUserSeed): FakeGithubUser {
    const key = seed.login.toLowerCase();
    if (this.users.has(key)) throw new Error(`fake GitHub: user ${seed.login} already exists`);
    const id = seed.id ?? this.nextUserId++;
    const user: FakeGithubUser = {
      id,
      login: seed.login,
      type: seed.type ?? 'User',
      name: seed.name === undefined ? null : seed.name,
      company: seed.company ?? null,
      blog: seed.blog ?? '',
      location: seed.location ?? null,
      email: seed.email ?? null,
      hireable: seed.hireable ?? null,
      bio: seed.bio ?? null,
      twitterUsername: seed.twitterUsername ?? null,
      followers: seed.followers ?? 0,
      following: seed.following ?? 0,
      publicGists: seed.publicGists ?? 0,
      createdAt: seed.createdAt ?? isoDay(0),
      updatedAt: seed.updatedAt ?? isoDay(30),
      pinned: checkPinned(seed.login, seed.pinned ?? []),
      contributions: contributionCounts(NO_CONTRIBUTIONS, seed.contributions),
    };
    this.users.set(key, user);
    this.repos.set(key, []);
    return user;
  }

  /** Adds one repository to `login` (who must exist). Names are unique per owner, case-insensitively. */
  addRepo(login: string, seed: FakeGithubRepoSeed): FakeGithubRepo {
    const owner = this.requireUser(login);
    const list = this.repos.get(owner.login.toLowerCase()) ?? [];
    if (list.some((r) => r.name.toLowerCase() === seed.name.toLowerCase())) {
      throw new Error(`fake GitHub: repo ${owner.login}/${seed.name} already exists`);
    }
    const index = list.length;
    const createdAt = seed.createdAt ?? isoDay(10 + index);
    const repo: FakeGithubRepo = {
      id: this.nextRepoId++,
      ownerLogin: owner.login,
      name: seed.name,
      description: seed.description === undefined ? null : seed.description,
      fork: seed.fork ?? false,
      archived: seed.archived ?? false,
      languages: { ...(seed.languages ?? {}) },
      readme: seed.readme === undefined ? null : seed.readme,
      readmePath: seed.readmePath ?? 'README.md',
      topics: [...(seed.topics ?? [])],
      license: seed.license ?? null,
      homepage: seed.homepage ?? null,
      stars: seed.stars ?? 0,
      forks: seed.forks ?? 0,
      openIssues: seed.openIssues ?? 0,
      size: seed.size ?? 0,
      defaultBranch: seed.defaultBranch ?? 'main',
      isTemplate: seed.isTemplate ?? false,
      createdAt,
      updatedAt: seed.updatedAt ?? seed.pushedAt ?? isoDay(400 + index),
      pushedAt: seed.pushedAt ?? isoDay(400 + index),
    };
    if (repo.license !== null && !(repo.license in FAKE_GITHUB_LICENSES)) {
      throw new Error(`fake GitHub: unknown licence key ${repo.license}`);
    }
    list.push(repo);
    return repo;
  }

  /**
   * Adds repositories: either the given seeds, or `count` generated ones named `<login>-repo-001`...
   * with varied languages, topics, licences, stars and a short README; every 10th generated repo is a
   * fork and every 25th is archived.
   */
  addRepos(login: string, seeds: number | readonly FakeGithubRepoSeed[]): FakeGithubRepo[] {
    const owner = this.requireUser(login);
    if (typeof seeds !== 'number') return seeds.map((seed) => this.addRepo(owner.login, seed));
    const start = this.repos.get(owner.login.toLowerCase())?.length ?? 0;
    const created: FakeGithubRepo[] = [];
    for (let i = start + 1; i <= start + seeds; i++) {
      const n = String(i).padStart(3, '0');
      const variant = i % GENERATED_LANGUAGES.length;
      created.push(
        this.addRepo(owner.login, {
          name: `${owner.login}-repo-${n}`,
          description: `Generated repository number ${i}`,
          fork: i % 10 === 0,
          archived: i % 25 === 0,
          languages: GENERATED_LANGUAGES[variant],
          topics: GENERATED_TOPICS[variant],
          license: GENERATED_LICENSES[variant],
          stars: (i * 7) % 50,
          forks: i % 5,
          readme: `# Repo ${n}\n\nA **generated** project number ${i}.\n`,
        }),
      );
    }
    return created;
  }

  /** Replaces fields of a repository (a changed body gets a new ETag). */
  updateRepo(login: string, name: string, patch: Partial<Omit<FakeGithubRepoSeed, 'name'>>): FakeGithubRepo {
    const list = this.repos.get(login.toLowerCase()) ?? [];
    const index = list.findIndex((r) => r.name.toLowerCase() === name.toLowerCase());
    if (index < 0) throw new Error(`fake GitHub: no repo ${login}/${name}`);
    const updated: FakeGithubRepo = {
      ...list[index],
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    };
    list[index] = updated;
    return updated;
  }

  /** Changes profile fields of a user (`contributions` are merged into the current counts). */
  updateUser(login: string, patch: Partial<Omit<FakeGithubUserSeed, 'login' | 'id'>>): FakeGithubUser {
    const user = this.requireUser(login);
    const { pinned, contributions, ...fields } = patch;
    const updated: FakeGithubUser = {
      ...user,
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      ...(patch.blog === null && { blog: '' }),
      pinned: pinned === undefined ? user.pinned : checkPinned(user.login, pinned),
      contributions: contributionCounts(user.contributions, contributions),
    };
    this.users.set(user.login.toLowerCase(), updated);
    return updated;
  }

  /** Sets the user's pinned repositories, in pin order (at most 6; `name` or `owner/name`). */
  setPinned(login: string, pinned: readonly string[]): FakeGithubUser {
    return this.updateUser(login, { pinned });
  }

  /** Sets some of the user's contribution counts (the others stay). */
  setContributions(login: string, counts: Partial<FakeGithubContributions>): FakeGithubUser {
    return this.updateUser(login, { contributions: counts });
  }

  /**
   * The user's pinned repositories as GitHub names them: own repositories with the owner's login and the
   * repository's own spelling; a pinned repository the dataset does not hold (another owner's) as given.
   */
  resolvePinned(login: string): { owner: string; name: string }[] {
    const user = this.requireUser(login);
    return user.pinned.map((entry) => {
      const [owner, name] = entry.includes('/') ? entry.split('/', 2) : [user.login, entry];
      const repo = this.getRepo(owner, name);
      return repo ? { owner: repo.ownerLogin, name: repo.name } : { owner, name };
    });
  }

  removeUser(login: string): void {
    this.users.delete(login.toLowerCase());
    this.repos.delete(login.toLowerCase());
  }

  /** Case-insensitive, as GitHub logins are. */
  getUser(login: string): FakeGithubUser | undefined {
    return this.users.get(login.toLowerCase());
  }

  getUserById(id: number): FakeGithubUser | undefined {
    return [...this.users.values()].find((u) => u.id === id);
  }

  getRepo(owner: string, name: string): FakeGithubRepo | undefined {
    return this.repos.get(owner.toLowerCase())?.find((r) => r.name.toLowerCase() === name.toLowerCase());
  }

  /** Repositories `login` owns, in insertion order. */
  listRepos(login: string): readonly FakeGithubRepo[] {
    return this.repos.get(login.toLowerCase()) ?? [];
  }

  private requireUser(login: string): FakeGithubUser {
    const user = this.getUser(login);
    if (!user) throw new Error(`fake GitHub: no user ${login}; addUser first`);
    return user;
  }
}

function checkPinned(login: string, pinned: readonly string[]): readonly string[] {
  if (pinned.length > FAKE_GITHUB_MAX_PINNED) {
    throw new Error(`fake GitHub: ${login} can pin at most ${FAKE_GITHUB_MAX_PINNED} repositories`);
  }
  for (const entry of pinned) {
    if (!/^(?:[A-Za-z0-9-]+\/)?[A-Za-z0-9._-]+$/.test(entry)) {
      throw new Error(`fake GitHub: pinned entry "${entry}" is not a repository name or owner/name`);
    }
  }
  return [...pinned];
}

function contributionCounts(
  base: Readonly<FakeGithubContributions>,
  patch: Partial<FakeGithubContributions> | undefined,
): Readonly<FakeGithubContributions> {
  const merged = {
    ...base,
    ...Object.fromEntries(Object.entries(patch ?? {}).filter(([, v]) => v !== undefined)),
  };
  for (const [name, value] of Object.entries(merged)) {
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(`fake GitHub: contribution count ${name} must be a non-negative integer`);
    }
  }
  return merged;
}
