// A fake GitHub REST API for tests: seeded data, GitHub's response shapes, pagination, ETags, errors;
// and GraphQL's `user(login:)` pinned repositories and contribution counts.
export {
  FAKE_GITHUB_LICENSES,
  FAKE_GITHUB_MAX_PINNED,
  FakeGithubDataset,
  type FakeGithubAccountType,
  type FakeGithubContributions,
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
  answerUserQuery,
  type GithubGraphqlError,
  type GithubGraphqlResponse,
  type GraphqlRequestBody,
} from './fake-github.graphql';
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
