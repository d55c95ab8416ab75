import { PROBLEM_TYPE_BASE, STATUS_TITLES } from './error-codes';
import { type ProblemBody } from './problem.dto';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_CONTENT_TYPE_HEADER = `${PROBLEM_CONTENT_TYPE}; charset=utf-8`;

export interface ProblemInput {
  status: number;
  code: string;
  detail: string;
  /** The request path (a query string is cut off: it may hold things that should not be echoed). */
  instance: string;
  requestId: string;
  title?: string;
  errors?: ProblemBody['errors'];
  extensions?: Record<string, unknown>;
}

/** The one shape of every error body (RFC 9457): used by the exception filter and every lower-level responder. */
export function buildProblem(input: ProblemInput): ProblemBody {
  return {
    type: `${PROBLEM_TYPE_BASE}${input.code.replace(/_/g, '-')}`,
    title: input.title ?? STATUS_TITLES[input.status] ?? 'Error',
    status: input.status,
    detail: input.detail,
    instance: input.instance.split('?')[0] || '/',
    code: input.code,
    requestId: input.requestId,
    ...(input.errors ? { errors: input.errors } : {}),
    ...input.extensions,
  };
}
