import { type GithubProfileSnapshot, type GithubRepoSnapshot } from '../../github/github-profile.snapshot';

/**
 * Bounds on what of a GitHub snapshot makes a profile, so a prolific user (1,000 repositories with 16 KiB
 * READMEs is 17 MB of text) cannot blow MongoDB's 16 MB document limit or block the event loop while
 * skills are read from the text: the 300 repositories that matter most (own work before forks, then most
 * starred, then most recently pushed), and the first 8,000 characters of each README.
 */
export const MAX_PROFILE_REPOS = 300;
export const MAX_PROFILE_README_CHARS = 8_000;

const byImportance = (a: GithubRepoSnapshot, b: GithubRepoSnapshot) =>
  Number(a.fork) - Number(b.fork) || b.stars - a.stars || (b.pushedAt ?? '').localeCompare(a.pushedAt ?? '');

/** The snapshot a profile is built from (and stored with): bounded as above, repositories in their order. */
export function boundedSnapshot(snapshot: GithubProfileSnapshot): GithubProfileSnapshot {
  const kept = new Set(
    snapshot.repos.length > MAX_PROFILE_REPOS
      ? [...snapshot.repos].sort(byImportance).slice(0, MAX_PROFILE_REPOS)
      : snapshot.repos,
  );
  const readmeTooLong = snapshot.repos.some(
    (repo) => repo.readme !== null && repo.readme.text.length > MAX_PROFILE_README_CHARS,
  );
  if (kept.size === snapshot.repos.length && !readmeTooLong) return snapshot;
  return {
    ...snapshot,
    repos: snapshot.repos
      .filter((repo) => kept.has(repo))
      .map((repo) =>
        repo.readme && repo.readme.text.length > MAX_PROFILE_README_CHARS
          ? {
              ...repo,
              readme: {
                ...repo.readme,
                text: repo.readme.text.slice(0, MAX_PROFILE_README_CHARS),
                truncated: true,
              },
            }
          : repo,
      ),
  };
}
