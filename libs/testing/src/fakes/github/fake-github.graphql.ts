/**
 * The part of GitHub's GraphQL API the fake answers: `user(login:)` with `pinnedItems` (repositories) and
 * `contributionsCollection` counts, in GitHub's response shape (`{ data }`, and `{ data, errors }` with
 * `type: 'NOT_FOUND'` for an unknown login). This is no GraphQL engine: it finds the `user(login:)` field
 * and answers the fields of it the query names, which is what a client of this query can tell apart.
 */
import { type FakeGithubDataset } from './fake-github.dataset';

/** What a POST to `/graphql` carries. */
export interface GraphqlRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/** An entry of a GraphQL `errors` array, as GitHub sends it. */
export interface GithubGraphqlError {
  type?: string;
  path?: (string | number)[];
  locations?: { line: number; column: number }[];
  extensions?: Record<string, unknown>;
  message: string;
}

/** A GraphQL answer: GitHub sends it with HTTP 200 whether or not `errors` is present. */
export interface GithubGraphqlResponse {
  data?: Record<string, unknown> | null;
  errors?: GithubGraphqlError[];
}

export interface ParsedUserQuery {
  /** The `login` argument, from a variable or a string literal; undefined when there is none. */
  login?: string;
  /** Where `user(` starts in the query, for `locations`. */
  location?: { line: number; column: number };
}

export const GRAPHQL_DOCS = {
  authentication:
    'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql',
  root: 'https://docs.github.com/graphql',
} as const;

const USER_FIELD = /\buser\s*\(\s*login\s*:\s*(?:\$([A-Za-z_]\w*)|"((?:[^"\\]|\\.)*)")\s*\)/;
const CONTRIBUTION_FIELDS = {
  totalCommitContributions: 'commits',
  totalPullRequestContributions: 'pullRequests',
  totalPullRequestReviewContributions: 'pullRequestReviews',
  totalIssueContributions: 'issues',
  restrictedContributionsCount: 'restricted',
} as const;
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** The `login` a `user(login:)` query asks about. */
export function parseUserQuery(body: GraphqlRequestBody): ParsedUserQuery {
  if (typeof body.query !== 'string') return {};
  const match = USER_FIELD.exec(body.query);
  if (!match) return {};
  const before = body.query.slice(0, match.index).split('\n');
  const location = { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
  if (match[2] !== undefined) return { login: match[2], location };
  const variables = body.variables as Record<string, unknown> | null | undefined;
  const value = variables?.[match[1]];
  return { login: typeof value === 'string' ? value : undefined, location };
}

/**
 * The answer to a `user(login:)` query. `now` (ms) ends the contribution window, which starts a year
 * earlier, as GitHub's default `contributionsCollection` does.
 */
export function answerUserQuery(
  dataset: FakeGithubDataset,
  body: GraphqlRequestBody,
  now: number,
): GithubGraphqlResponse {
  if (typeof body.query !== 'string' || body.query.trim() === '') {
    return { errors: [{ message: 'A query attribute must be specified and must be a string.' }] };
  }
  const query = body.query;
  const parsed = parseUserQuery(body);
  if (!parsed.location) {
    return {
      errors: [{ message: 'fake GitHub: only `user(login: ...)` queries are answered' }],
    };
  }
  if (parsed.login === undefined) {
    return {
      errors: [
        {
          extensions: { code: 'argumentLiteralsIncompatible', typeName: 'Field', argumentName: 'login' },
          locations: [parsed.location],
          path: ['query', 'user', 'login'],
          message: "Argument 'login' on Field 'user' has an invalid value. Expected type 'String!'.",
        },
      ],
    };
  }
  const user = dataset.getUser(parsed.login);
  // `user(login:)` resolves users only: an organization's login is NOT_FOUND there too.
  if (!user || user.type !== 'User') {
    return {
      data: { user: null },
      errors: [
        {
          type: 'NOT_FOUND',
          path: ['user'],
          locations: [parsed.location],
          message: `Could not resolve to a User with the login of '${parsed.login}'.`,
        },
      ],
    };
  }
  const selection = userSelection(query);
  if (!selection) return { errors: [{ message: 'fake GitHub: the query could not be parsed' }] };
  const contributionWindow = { startedAt: isoSeconds(now - YEAR_MS), endedAt: isoSeconds(now) };
  const unknown: GithubGraphqlError[] = [];
  const resolve = (
    type: string,
    fields: readonly Selection[],
    value: (name: string, children: readonly Selection[]) => unknown,
  ): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      const resolved = field.name === '__typename' ? type : value(field.name, field.children);
      if (resolved === undefined) {
        unknown.push({
          extensions: { code: 'undefinedField', typeName: type, fieldName: field.name },
          message: `Field '${field.name}' doesn't exist on type '${type}'`,
        });
      } else {
        out[field.key] = resolved;
      }
    }
    return out;
  };
  const repository = (owner: string, name: string) => (field: string) =>
    ({
      name,
      nameWithOwner: `${owner}/${name}`,
      url: `https://github.com/${owner}/${name}`,
    })[field];
  const answer = resolve('User', selection, (field, children) => {
    if (field === 'login') return user.login;
    if (field === 'name') return user.name;
    if (field === 'pinnedItems') {
      const pinned = dataset.resolvePinned(user.login);
      return resolve('PinnableItemConnection', children, (connectionField, nodeFields) => {
        if (connectionField === 'totalCount') return pinned.length;
        if (connectionField !== 'nodes') return undefined;
        return pinned.map(({ owner, name }) => resolve('Repository', nodeFields, repository(owner, name)));
      });
    }
    if (field === 'contributionsCollection') {
      return resolve('ContributionsCollection', children, (name) =>
        name in CONTRIBUTION_FIELDS
          ? user.contributions[CONTRIBUTION_FIELDS[name as keyof typeof CONTRIBUTION_FIELDS]]
          : contributionWindow[name as keyof typeof contributionWindow],
      );
    }
    return undefined;
  });
  if (unknown.length > 0) return { errors: unknown };
  return { data: { user: answer } };
}

/** A field of a selection set; inline fragments (`... on Repository { }`) are merged into their parent. */
interface Selection {
  /** The response key: the alias, else the name. */
  key: string;
  name: string;
  children: readonly Selection[];
}

const TOKEN = /\.\.\.|[A-Za-z_]\w*|"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|[{}():!$@=[\]]|#[^\n]*/g;

/** The selection set of the `user(login:)` field, or undefined when the query does not parse. */
function userSelection(query: string): Selection[] | undefined {
  const tokens = [...query.matchAll(TOKEN)].map((m) => m[0]).filter((t) => !t.startsWith('#'));
  let i = 0;
  const skipArguments = (): void => {
    if (tokens[i] !== '(') return;
    for (let depth = 0; i < tokens.length; i++) {
      if (tokens[i] === '(') depth++;
      if (tokens[i] === ')' && --depth === 0) {
        i++;
        return;
      }
    }
  };
  const skipDirectives = (): void => {
    while (tokens[i] === '@') {
      i += 2;
      skipArguments();
    }
  };
  const selectionSet = (): Selection[] => {
    if (tokens[i] !== '{') throw new Error('expected {');
    i++;
    const fields: Selection[] = [];
    while (tokens[i] !== '}') {
      if (i >= tokens.length) throw new Error('unterminated selection set');
      if (tokens[i] === '...') {
        i++;
        if (tokens[i] === 'on') i += 2;
        skipDirectives();
        fields.push(...selectionSet());
        continue;
      }
      const key = tokens[i++];
      let name = key;
      if (tokens[i] === ':') {
        name = tokens[i + 1];
        i += 2;
      }
      skipArguments();
      skipDirectives();
      const children = tokens[i] === '{' ? selectionSet() : [];
      fields.push({ key, name, children });
    }
    i++;
    return fields;
  };
  try {
    while (i < tokens.length && tokens[i] !== '{') i++;
    const user = selectionSet().find((field) => field.name === 'user');
    return user?.children.length ? [...user.children] : undefined;
  } catch {
    return undefined;
  }
}

/** GitHub's GraphQL `DateTime`: ISO 8601 in UTC, whole seconds. */
const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
