import { type GithubProfileSnapshot, type GithubRepoSnapshot } from '../../github/github-profile.snapshot';
import { type EvidenceIndex } from '../evidence-index';
import { calendarDate } from '../partial-date';
import { emptyClaims, type ProjectClaim, type SourceClaims, sourced, textOrNull } from './source-claims';

/** Evidence ids of GitHub facts. */
export const githubFactIds = {
  profile: (login: string) => `github_profile:${login}`,
  repo: (repo: { fullName: string }) => `github_repo:${repo.fullName}`,
  languages: (repo: { fullName: string }) => `github_languages:${repo.fullName}`,
  readme: (repo: { fullName: string }) => `github_readme:${repo.fullName}`,
};

/** `TypeScript 61 %, JavaScript 30 %, CSS 9 %`: a repository's languages by share of bytes. */
export function languageShares(languages: Readonly<Record<string, number>>): string {
  const total = Object.values(languages).reduce((sum, bytes) => sum + bytes, 0);
  if (total === 0) return 'no code';
  return Object.entries(languages)
    .sort((a, b) => b[1] - a[1])
    .map(([name, bytes]) => `${name} ${Math.round((bytes / total) * 100)} %`)
    .join(', ');
}

/**
 * What a GitHub snapshot says: identity (name, bio as headline, location, email, links), and one project
 * per repository with its description, topics, language bytes and README as evidence.
 */
export function githubClaims(snapshot: GithubProfileSnapshot, index: EvidenceIndex): SourceClaims {
  const claims = emptyClaims('github');
  const { profile } = snapshot;
  const profileRef = index.add({
    id: githubFactIds.profile(profile.login),
    kind: 'github_profile',
    source: 'github',
    label: `${profile.login} (GitHub profile)`,
    url: profile.htmlUrl,
    ...(profile.bio ? { excerpt: profile.bio } : {}),
  });
  claims.identity = {
    name: sourced(profile.name, 'github', profileRef),
    headline: sourced(profile.bio, 'github', profileRef),
    email: sourced(profile.email, 'github', profileRef),
    location: sourced(profile.location, 'github', profileRef),
  };
  claims.links.push({ label: 'github', url: profile.htmlUrl, evidence: [profileRef] });
  if (profile.website) {
    const url = /^https?:\/\//i.test(profile.website) ? profile.website : `https://${profile.website}`;
    claims.links.push({ label: 'website', url, evidence: [profileRef] });
  }
  if (profile.twitterUsername) {
    claims.links.push({
      label: 'twitter',
      url: `https://twitter.com/${profile.twitterUsername}`,
      evidence: [profileRef],
    });
  }
  const pinned = new Set((snapshot.pinned ?? []).map((name) => name.toLowerCase()));
  for (const repo of snapshot.repos) claims.projects.push(repoProject(repo, index, pinned));
  return claims;
}

function repoProject(repo: GithubRepoSnapshot, index: EvidenceIndex, pinned: Set<string>): ProjectClaim {
  const repoRef = index.add({
    id: githubFactIds.repo(repo),
    kind: 'github_repo',
    source: 'github',
    label: `${repo.fullName} (GitHub repository)`,
    url: repo.htmlUrl,
    ...(repo.description ? { excerpt: repo.description } : {}),
  });
  const hasCode = Object.keys(repo.languages).length > 0;
  const languagesRef = hasCode
    ? index.add({
        id: githubFactIds.languages(repo),
        kind: 'github_languages',
        source: 'github',
        label: `${repo.fullName} languages (GitHub)`,
        url: repo.htmlUrl,
        excerpt: languageShares(repo.languages),
      })
    : null;
  const texts = repo.description ? [{ text: repo.description, ref: repoRef }] : [];
  if (repo.readme && repo.readme.text.trim() !== '') {
    const readmeRef = index.add({
      id: githubFactIds.readme(repo),
      kind: 'github_readme',
      source: 'github',
      label: `${repo.fullName} ${repo.readme.path} (GitHub README)`,
      url: repo.readme.htmlUrl ?? repo.htmlUrl,
      excerpt: repo.readme.text,
    });
    texts.push({ text: repo.readme.text, ref: readmeRef });
  }
  return {
    id: repoRef.id,
    name: repo.name,
    description: textOrNull(repo.description),
    url: repo.htmlUrl,
    startDate: calendarDate(repo.createdAt),
    endDate: null,
    repo: {
      fullName: repo.fullName,
      url: repo.htmlUrl,
      stars: repo.stars,
      forks: repo.forks,
      fork: repo.fork,
      archived: repo.archived,
      pinned: pinned.has(repo.fullName.toLowerCase()),
      primaryLanguage: repo.primaryLanguage,
      languages: { ...repo.languages },
      topics: [...repo.topics],
      homepage: repo.homepage,
      license: repo.license?.spdxId ?? null,
      createdAt: repo.createdAt,
      pushedAt: repo.pushedAt,
      readmeChars: repo.readme?.text.length ?? 0,
    },
    sources: ['github'],
    evidence: [repoRef],
    texts,
    keywords: repo.topics.map((topic) => ({ name: topic, ref: repoRef })),
    languagesRef,
  };
}
