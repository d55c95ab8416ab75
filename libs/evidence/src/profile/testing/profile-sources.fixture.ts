/**
 * Ada Lovelace's sources for profile tests: a GitHub snapshot (user `ada-l`), a JSON Resume that agrees and
 * disagrees with the LinkedIn export of linkedin/testing/linkedin-export.fixture.ts in known ways.
 */
import { type JsonResume } from '@app/resumes/document';

import { type GithubProfileSnapshot, type GithubRepoSnapshot } from '../../github/github-profile.snapshot';

/** The instant profile tests build at. */
export const PROFILE_NOW = new Date('2026-11-01T12:00:00Z');

function repo(name: string, overrides: Partial<GithubRepoSnapshot>): GithubRepoSnapshot {
  return {
    id: name.length * 1000 + name.charCodeAt(0),
    owner: 'ada-l',
    name,
    fullName: `ada-l/${name}`,
    htmlUrl: `https://github.com/ada-l/${name}`,
    description: null,
    fork: false,
    archived: false,
    isTemplate: false,
    topics: [],
    stars: 0,
    forks: 0,
    watchers: 0,
    primaryLanguage: null,
    homepage: null,
    license: { key: 'mit', spdxId: 'MIT', name: 'MIT License' },
    defaultBranch: 'main',
    sizeKb: 100,
    createdAt: '2020-09-01T10:00:00Z',
    updatedAt: '2026-10-01T10:00:00Z',
    pushedAt: '2026-10-01T10:00:00Z',
    languages: {},
    readme: null,
    ...overrides,
  };
}

export function adaGithubSnapshot(overrides: Partial<GithubProfileSnapshot> = {}): GithubProfileSnapshot {
  return {
    source: 'github',
    login: 'ada-l',
    fetchedAt: '2026-11-01T11:00:00.000Z',
    profile: {
      login: 'ada-l',
      id: 1815,
      type: 'User',
      name: 'Ada King',
      bio: 'Backend engineer. Ledgers, Go, Kubernetes.',
      company: 'Analytical Engines',
      website: 'ada.dev',
      location: 'London',
      email: null,
      hireable: true,
      twitterUsername: 'adalovelace',
      avatarUrl: 'https://avatars.githubusercontent.com/u/1815',
      htmlUrl: 'https://github.com/ada-l',
      publicRepos: 4,
      followers: 120,
      following: 3,
      createdAt: '2014-01-01T00:00:00Z',
      updatedAt: '2026-10-01T00:00:00Z',
    },
    repos: [
      repo('ledger-lite', {
        description: 'A double-entry ledger in Go with PostgreSQL storage',
        topics: ['golang', 'accounting', 'postgres'],
        stars: 340,
        forks: 21,
        primaryLanguage: 'Go',
        languages: { Go: 182_000, Shell: 2_100, Dockerfile: 600 },
        readme: {
          path: 'README.md',
          htmlUrl: 'https://github.com/ada-l/ledger-lite/blob/main/README.md',
          text: 'ledger-lite keeps balanced books. Runs on Kubernetes with a Helm chart; tested with Docker Compose.',
          truncated: false,
        },
      }),
      repo('engine-notes', {
        description: 'Notes on the Analytical Engine, rendered with TypeScript and React',
        stars: 12,
        primaryLanguage: 'TypeScript',
        languages: { TypeScript: 40_000, CSS: 3_000, HTML: 1_000 },
        pushedAt: '2023-02-01T10:00:00Z',
        archived: true,
      }),
      repo('bernoulli', {
        description: 'Bernoulli numbers, the first program',
        stars: 2,
        primaryLanguage: 'Python',
        languages: { Python: 9_000 },
        pushedAt: '2019-05-01T10:00:00Z',
      }),
      repo('someone-elses-lib', {
        description: 'A fork of a Rust library',
        fork: true,
        stars: 900,
        primaryLanguage: 'Rust',
        languages: { Rust: 500_000 },
      }),
    ],
    ownedRepoCount: 4,
    forksExcluded: 0,
    pinned: ['ada-l/bernoulli'],
    contributions: null,
    ...overrides,
  };
}

/** Disagrees with LinkedIn on purpose: the name, a start month, the title of one position. */
export function adaJsonResume(): JsonResume {
  return {
    basics: {
      name: 'Ada Lovelace',
      label: 'Staff Backend Engineer',
      email: 'ada@lovelace.dev',
      url: 'https://ada.dev/',
      summary: 'Payments and ledgers.',
      location: { city: 'London', countryCode: 'GB' },
      profiles: [{ network: 'GitHub', username: 'ada-l', url: 'https://github.com/ada-l' }],
    },
    work: [
      {
        name: 'Analytical Engines',
        position: 'Staff Backend Engineer',
        startDate: '2021-03-15',
        highlights: ['Moved the payments ledger to Go and Kafka', 'Ran the platform on Kubernetes'],
      },
      {
        name: 'Difference Labs Inc.',
        position: 'Backend Engineer',
        startDate: '2017-07',
        endDate: '2021-02',
        summary: 'Billing API in Node.js.',
      },
    ],
    education: [
      { institution: 'University of London', studyType: 'BSc', area: 'Mathematics', startDate: '2013' },
    ],
    skills: [
      { name: 'Backend', keywords: ['Golang', 'PostgreSQL', 'Kafka', 'Ledger design'] },
      { name: 'TypeScript' },
    ],
    projects: [
      {
        name: 'Ledger Lite',
        description: 'Double-entry bookkeeping library',
        url: 'https://github.com/ada-l/ledger-lite',
      },
    ],
    languages: [{ language: 'english', fluency: 'Native' }],
  };
}
