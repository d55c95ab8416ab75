/**
 * GitHub REST response bodies built from the fake's dataset. The field sets follow the responses recorded
 * in `@octokit/fixtures` (scenario `get-repository` for repositories and their `owner`, `get-content` for
 * contents, `branch-protection` for a 404 body), and every builder is typed with the schema from
 * `@octokit/openapi-types`, so a missing required field or an unknown one fails the type check.
 */
import { createHash } from 'node:crypto';

import type { components } from '@octokit/openapi-types';

import { FAKE_GITHUB_LICENSES, type FakeGithubRepo, type FakeGithubUser } from './fake-github.dataset';

export type GithubPublicUser = components['schemas']['public-user'];
export type GithubSimpleUser = components['schemas']['simple-user'];
export type GithubMinimalRepository = components['schemas']['minimal-repository'];
export type GithubFullRepository = components['schemas']['full-repository'];
export type GithubContentFile = components['schemas']['content-file'];
export type GithubLanguages = components['schemas']['language'];
export type GithubTopics = components['schemas']['topic'];
export type GithubRateLimitOverview = components['schemas']['rate-limit-overview'];
export type GithubRateLimit = components['schemas']['rate-limit'];
export type GithubBasicError = components['schemas']['basic-error'];

/** The public host names GitHub puts into URLs; API URLs use the fake's own base URL instead. */
const WEB = 'https://github.com';
const AVATARS = 'https://avatars.githubusercontent.com';
const RAW = 'https://raw.githubusercontent.com';

export const DOCS = {
  root: 'https://docs.github.com/rest',
  getUser: 'https://docs.github.com/rest/users/users#get-a-user',
  listUserRepos: 'https://docs.github.com/rest/repos/repos#list-repositories-for-a-user',
  getRepo: 'https://docs.github.com/rest/repos/repos#get-a-repository',
  languages: 'https://docs.github.com/rest/repos/repos#list-repository-languages',
  readme: 'https://docs.github.com/rest/repos/contents#get-a-repository-readme',
  topics: 'https://docs.github.com/rest/repos/repos#get-all-repository-topics',
  primaryRateLimit:
    'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-primary-rate-limits',
  secondaryRateLimit:
    'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits',
} as const;

/** A deterministic base64 node id, shaped like GitHub's legacy global ids (`MDQ6VXNlcjE=` = "04:User1"). */
const nodeId = (kind: string, id: number): string =>
  Buffer.from(`0${kind.length}:${kind}${id}`).toString('base64');

export function toSimpleUser(api: string, user: FakeGithubUser): GithubSimpleUser {
  const url = `${api}/users/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId(user.type, user.id),
    avatar_url: `${AVATARS}/u/${user.id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `${WEB}/${user.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: user.type,
    site_admin: false,
  };
}

/** `GET /users/{username}` as a stranger sees it (no private counts). */
export function toPublicUser(api: string, user: FakeGithubUser, publicRepos: number): GithubPublicUser {
  return {
    ...toSimpleUser(api, user),
    name: user.name,
    company: user.company,
    blog: user.blog,
    location: user.location,
    email: user.email,
    hireable: user.hireable,
    bio: user.bio,
    twitter_username: user.twitterUsername,
    public_repos: publicRepos,
    public_gists: user.publicGists,
    followers: user.followers,
    following: user.following,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  };
}

/** A licence as both repository schemas accept it (`license-simple`, with a non-null `spdx_id`). */
type RepositoryLicense = { key: string; name: string; spdx_id: string; url: string | null; node_id: string };

function license(repo: FakeGithubRepo): RepositoryLicense | null {
  if (repo.license === null) return null;
  const known = FAKE_GITHUB_LICENSES[repo.license];
  return {
    key: repo.license,
    name: known.name,
    spdx_id: known.spdxId,
    url: known.spdxId === 'NOASSERTION' ? null : `https://api.github.com/licenses/${repo.license}`,
    node_id: nodeId('License', Object.keys(FAKE_GITHUB_LICENSES).indexOf(repo.license) + 1),
  };
}

/**
 * The fields every repository representation shares. Viewer- and admin-only fields of the recording
 * (`permissions`, `temp_clone_token`, `allow_*_merge`, ...) and `organization` (org-owned repos only) are
 * left out: a stranger reading a user's public repository does not get them.
 */
function repositoryBase(api: string, owner: FakeGithubUser, repo: FakeGithubRepo) {
  const fullName = `${owner.login}/${repo.name}`;
  const url = `${api}/repos/${fullName}`;
  const html = `${WEB}/${fullName}`;
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: fullName,
    private: false,
    owner: toSimpleUser(api, owner),
    html_url: html,
    description: repo.description,
    fork: repo.fork,
    url,
    forks_url: `${url}/forks`,
    keys_url: `${url}/keys{/key_id}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    teams_url: `${url}/teams`,
    hooks_url: `${url}/hooks`,
    issue_events_url: `${url}/issues/events{/number}`,
    events_url: `${url}/events`,
    assignees_url: `${url}/assignees{/user}`,
    branches_url: `${url}/branches{/branch}`,
    tags_url: `${url}/tags`,
    blobs_url: `${url}/git/blobs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    trees_url: `${url}/git/trees{/sha}`,
    statuses_url: `${url}/statuses/{sha}`,
    languages_url: `${url}/languages`,
    stargazers_url: `${url}/stargazers`,
    contributors_url: `${url}/contributors`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    commits_url: `${url}/commits{/sha}`,
    git_commits_url: `${url}/git/commits{/sha}`,
    comments_url: `${url}/comments{/number}`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    contents_url: `${url}/contents/{+path}`,
    compare_url: `${url}/compare/{base}...{head}`,
    merges_url: `${url}/merges`,
    archive_url: `${url}/{archive_format}{/ref}`,
    downloads_url: `${url}/downloads`,
    issues_url: `${url}/issues{/number}`,
    pulls_url: `${url}/pulls{/number}`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    labels_url: `${url}/labels{/name}`,
    releases_url: `${url}/releases{/id}`,
    deployments_url: `${url}/deployments`,
    created_at: repo.createdAt,
    updated_at: repo.updatedAt,
    pushed_at: repo.pushedAt,
    git_url: `git://github.com/${fullName}.git`,
    ssh_url: `git@github.com:${fullName}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    homepage: repo.homepage,
    size: repo.size,
    stargazers_count: repo.stars,
    watchers_count: repo.stars,
    language: primaryLanguage(repo),
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    forks_count: repo.forks,
    mirror_url: null,
    archived: repo.archived,
    disabled: false,
    open_issues_count: repo.openIssues,
    license: license(repo),
    allow_forking: true,
    is_template: repo.isTemplate,
    web_commit_signoff_required: false,
    topics: [...repo.topics],
    visibility: 'public',
    forks: repo.forks,
    open_issues: repo.openIssues,
    watchers: repo.stars,
    default_branch: repo.defaultBranch,
  } satisfies Partial<GithubFullRepository>;
}

/**
 * Compile-time check that a list item carries only fields `minimal-repository` documents (`satisfies`
 * above checks them against `full-repository`; the return types below check the required ones).
 */
type KeysOutside<T, Shape> = Exclude<keyof T, keyof Shape>;
const LIST_ITEM_FIELDS_ARE_DOCUMENTED: [
  KeysOutside<ReturnType<typeof repositoryBase>, GithubMinimalRepository>,
] extends [never]
  ? true
  : false = true;
void LIST_ITEM_FIELDS_ARE_DOCUMENTED;

/** One item of `GET /users/{username}/repos`. */
export function toMinimalRepository(
  api: string,
  owner: FakeGithubUser,
  repo: FakeGithubRepo,
): GithubMinimalRepository {
  return repositoryBase(api, owner, repo);
}

/** `GET /repos/{owner}/{repo}`. */
export function toFullRepository(
  api: string,
  owner: FakeGithubUser,
  repo: FakeGithubRepo,
): GithubFullRepository {
  return { ...repositoryBase(api, owner, repo), network_count: repo.forks, subscribers_count: repo.stars };
}

/** GitHub's primary language: the one with the most bytes. */
export function primaryLanguage(repo: FakeGithubRepo): string | null {
  let best: [string, number] | undefined;
  for (const entry of Object.entries(repo.languages)) if (!best || entry[1] > best[1]) best = entry;
  return best?.[0] ?? null;
}

/** Base64 the way the contents API sends it: wrapped every 60 characters, with a trailing newline. */
export function githubBase64(text: string): string {
  const encoded = Buffer.from(text, 'utf8').toString('base64');
  return `${encoded.replace(/.{1,60}/g, '$&\n')}`;
}

/** The git blob sha of a text (`sha1("blob <length>\0" + content)`), as the contents API reports it. */
export function blobSha(text: string): string {
  const content = Buffer.from(text, 'utf8');
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`blob ${content.length}\0`), content]))
    .digest('hex');
}

/** `GET /repos/{owner}/{repo}/readme` (JSON media type). */
export function toReadmeContent(
  api: string,
  owner: FakeGithubUser,
  repo: FakeGithubRepo,
  readme: string,
): GithubContentFile {
  const fullName = `${owner.login}/${repo.name}`;
  const sha = blobSha(readme);
  const self = `${api}/repos/${fullName}/contents/${repo.readmePath}?ref=${repo.defaultBranch}`;
  const git = `${api}/repos/${fullName}/git/blobs/${sha}`;
  const html = `${WEB}/${fullName}/blob/${repo.defaultBranch}/${repo.readmePath}`;
  return {
    name: repo.readmePath.split('/').pop() ?? repo.readmePath,
    path: repo.readmePath,
    sha,
    size: Buffer.byteLength(readme, 'utf8'),
    url: self,
    html_url: html,
    git_url: git,
    download_url: `${RAW}/${fullName}/${repo.defaultBranch}/${repo.readmePath}`,
    type: 'file',
    content: githubBase64(readme),
    encoding: 'base64',
    _links: { self, git, html },
  };
}

export function toLanguages(repo: FakeGithubRepo): GithubLanguages {
  return Object.fromEntries(Object.entries(repo.languages).sort((a, b) => b[1] - a[1]));
}

export function toTopics(repo: FakeGithubRepo): GithubTopics {
  return { names: [...repo.topics] };
}

export function toRateLimitOverview(core: GithubRateLimit, now: number): GithubRateLimitOverview {
  const reset = Math.floor(now / 1000) + 3600;
  return {
    resources: {
      core,
      search: { limit: 30, remaining: 30, reset: Math.floor(now / 1000) + 60, used: 0 },
      graphql: { limit: 5000, remaining: 5000, reset, used: 0 },
    },
    rate: core,
  };
}

export function notFound(documentationUrl: string): GithubBasicError {
  return { message: 'Not Found', documentation_url: documentationUrl, status: '404' };
}
