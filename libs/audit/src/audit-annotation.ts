import { type FastifyRequest } from 'fastify';

/**
 * What is known about a request beyond its URL: its route's audit decorators (from `AuditRouteRegistry`)
 * and the `id` of the resource its response returned. Read when the response has been sent, where the
 * entry is recorded (see `AuditResponseHook`).
 */
export interface AuditAnnotation {
  /** `@NoAudit()`: record nothing. */
  skip: boolean;
  /** `@AuditAction(...)`. */
  action?: string;
  /** `@AuditResource(...)`. */
  resourceType?: string;
  /** The `id` of the response body, when it is an object with one (e.g. a created resource). */
  resultId?: string;
}

const resultIds = new WeakMap<FastifyRequest, string>();

/** The id of the resource a response returned (a created key, a resume...), noted when it is sent. */
export function noteResultId(request: FastifyRequest, id: string): void {
  resultIds.set(request, id);
}

export function notedResultId(request: FastifyRequest): string | undefined {
  return resultIds.get(request);
}
