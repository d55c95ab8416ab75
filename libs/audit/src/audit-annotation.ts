import { type FastifyRequest } from 'fastify';

/**
 * What the audit interceptor learned about a request from its route's decorators and its handler's
 * result. It is attached to the request and read when the response has been sent, where the entry is
 * recorded (see `AuditResponseHook`).
 */
export interface AuditAnnotation {
  /** `@NoAudit()`: record nothing. */
  skip: boolean;
  /** `@AuditAction(...)`. */
  action?: string;
  /** `@AuditResource(...)`. */
  resourceType?: string;
  /** The `id` of the handler's result, when it returned an object with one (e.g. a created resource). */
  resultId?: string;
}

const annotations = new WeakMap<FastifyRequest, AuditAnnotation>();

export function annotateRequest(request: FastifyRequest, annotation: AuditAnnotation): void {
  annotations.set(request, annotation);
}

export function annotationOf(request: FastifyRequest): AuditAnnotation | undefined {
  return annotations.get(request);
}
