// A fake GitHub REST API for tests: seeded data, GitHub's response shapes, pagination, ETags, errors.
export {
  FAKE_GITHUB_LICENSES,
  FakeGithubDataset,
  type FakeGithubAccountType,
  type FakeGithubRepo,
  type FakeGithubRepoSeed,
  type FakeGithubUser,
  type FakeGithubUserSeed,
} from './fake-github.dataset';
export {
  githubBase64,
  type GithubBasicError,
  type GithubContentFile,
  type GithubFullRepository,
  type GithubMinimalRepository,
  type GithubPublicUser,
  type GithubRateLimitOverview,
} from './fake-github.responses';
export {
  etagMatches,
  FakeGithubServer,
  type FakeGithubCall,
  type FakeGithubCallFilter,
  type FakeGithubFaultScope,
  type FakeGithubRateLimitState,
  type FakeGithubRoute,
  type FakeGithubServerOptions,
} from './fake-github.server';
