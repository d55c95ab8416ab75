import { randomUUID } from 'node:crypto';
import { type IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

/** A client-supplied id is kept when it is 1-128 characters of letters, digits and `._:-`. */
const WELL_FORMED = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify `genReqId`: echo a well-formed `X-Request-Id` from the client, otherwise generate a UUID. */
export function requestIdFor(request: IncomingMessage): string {
  const given = request.headers[REQUEST_ID_HEADER];
  return typeof given === 'string' && WELL_FORMED.test(given) ? given : randomUUID();
}
