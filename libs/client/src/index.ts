export {
  createLlmployableClient,
  type FollowOptions,
  type Generation,
  type GenerationEvent,
  type ListItem,
  type ListPath,
  type LlmployableClient,
  type LlmployableClientOptions,
  type Schemas,
  unwrap,
} from './client.js';
export { type components, type operations, type paths } from './generated/openapi.js';
export { collect, type CursorPage, paginate } from './pagination.js';
export { type Problem, ProblemError, type ProblemFieldError } from './problem.error.js';
export { type RetryOptions, retryAfterMs, retryingFetch } from './retry.fetch.js';
export { readServerSentEvents, type ServerSentEvent } from './server-sent-events.js';
