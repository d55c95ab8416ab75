import { API_V1_PREFIX, type Principal } from '@app/core';

import { type AuditAnnotation } from './audit-annotation';
import { summarizeChanges } from './audit-change-summarizer';
import { type AuditEntryInput } from './audit-log.repository';

/** The methods whose requests are audited. */
export const AUDITED_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const MAX_USER_AGENT = 256;
const MAX_PATH = 512;
const MAX_ID = 128;

/** Everything known about a request once its response has been sent. */
export interface AuditRequestFacts {
  method: string;
  /** The route pattern, e.g. `/api/v1/api-keys/:id/revoke`. */
  route: string;
  /** The raw URL, query string included (it is cut off here). */
  url: string;
  params: unknown;
  status: number;
  durationMs: number;
  ip: string;
  userAgent: string | undefined;
  requestId: string;
  principal: Principal | undefined;
  annotation: AuditAnnotation | undefined;
  body: unknown;
  contentLength: string | undefined;
  now: Date;
}

/** Builds the entry the writer stores. Pure: no I/O, no clock (the caller passes `now`). */
export function buildAuditEntry(facts: AuditRequestFacts): AuditEntryInput {
  const { annotation, principal } = facts;
  const derived = deriveResource(facts.route);
  const paramId = idFrom((facts.params as Record<string, unknown> | undefined)?.id);
  // A derived type names the segment before `:id` (then the id is that param) or a collection the request
  // created something in (then the id is the result's); a declared type takes the param, else the result.
  const resourceId =
    annotation?.resourceType || derived.idFromParam
      ? (paramId ?? annotation?.resultId)
      : (annotation?.resultId ?? paramId);
  const contentLength = facts.contentLength === undefined ? undefined : Number(facts.contentLength);
  // Anonymous requests (rejected before authentication) keep no field values: nobody may fill the audit
  // log with text of their choosing without a valid key.
  const changes = principal ? summarizeChanges(facts.body, contentLength) : undefined;
  return {
    actor: principal
      ? { userId: principal.userId, keyPrefix: principal.keyPrefix, role: principal.role }
      : {},
    action: annotation?.action ?? `${facts.method} ${facts.route}`,
    resource: {
      type: annotation?.resourceType ?? derived.type,
      ...(resourceId !== undefined ? { id: resourceId } : {}),
    },
    requestId: facts.requestId,
    ip: facts.ip,
    ...(facts.userAgent ? { userAgent: facts.userAgent.slice(0, MAX_USER_AGENT) } : {}),
    method: facts.method,
    route: facts.route,
    path: facts.url.split('?')[0].slice(0, MAX_PATH),
    status: facts.status,
    durationMs: Math.max(0, Math.round(facts.durationMs)),
    ...(changes ? { changes } : {}),
    createdAt: facts.now,
  };
}

export interface DerivedResource {
  /** Singular, snake_case: `api_key`, `user`, `resume`. */
  type: string;
  /** True when the type is the segment just before the route's `:id` (so the id is that param). */
  idFromParam: boolean;
}

/**
 * The resource type of a route without `@AuditResource`:
 * - `/api-keys`, `/users/:id/api-keys` (a collection, or a sub-collection): that collection → `api_key`;
 * - `/api-keys/:id`, `/users/me`: the segment before the id (or `me`) → `api_key`, `user`;
 * - `/api-keys/:id/revoke` (an action: a last segment that is not plural): the segment before the id.
 * Best effort; routes whose shape misleads it should declare `@AuditResource`.
 */
export function deriveResource(route: string): DerivedResource {
  const prefix = `/${API_V1_PREFIX}/`;
  const path = route.startsWith(prefix) ? route.slice(prefix.length) : route.replace(/^\/+/, '');
  const segments = path.split('/').filter(Boolean);
  const isId = (segment: string | undefined) => !!segment && (segment.startsWith(':') || segment === 'me');
  const last = segments[segments.length - 1];
  if (last === undefined) return { type: 'unknown', idFromParam: false };
  const before = (index: number) => {
    for (let i = index - 1; i >= 0; i--) if (!isId(segments[i]) && segments[i] !== '*') return segments[i];
    return undefined;
  };
  if (isId(last)) {
    return { type: singular(before(segments.length - 1) ?? 'unknown'), idFromParam: last === ':id' };
  }
  const hasIdBefore = segments.slice(0, -1).some(isId);
  if (hasIdBefore && !looksPlural(last)) {
    const idIndex = segments.findLastIndex(isId);
    return { type: singular(before(idIndex) ?? last), idFromParam: segments[idIndex] === ':id' };
  }
  return { type: singular(last), idFromParam: false };
}

function looksPlural(segment: string): boolean {
  return /[^su]s$/.test(segment) && !/(?:ss|us|is)$/.test(segment);
}

function singular(segment: string): string {
  const snake = segment.toLowerCase().replace(/[^a-z0-9]+/g, '_');
  if (snake.endsWith('ies')) return `${snake.slice(0, -3)}y`;
  if (looksPlural(snake)) return snake.slice(0, -1);
  return snake;
}

function idFrom(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value.slice(0, MAX_ID);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** The `id` of a handler's result, if it is an object with a string or number `id`. */
export function resultIdOf(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  return idFrom((result as { id?: unknown }).id);
}
