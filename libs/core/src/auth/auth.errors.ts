import { DomainError } from '../errors/domain.error';
import { type Scope } from './scopes';

export enum AuthErrorCode {
  Unauthenticated = 'unauthenticated',
  InsufficientScope = 'insufficient_scope',
}

/** One answer for a missing, malformed, unknown, revoked or expired key, so a caller cannot tell which. */
export function unauthenticated(): DomainError {
  return new DomainError({
    status: 401,
    code: AuthErrorCode.Unauthenticated,
    title: 'Unauthorized',
    detail: 'A valid API key is required: send it as "Authorization: Bearer <key>" or "X-API-Key: <key>".',
    headers: { 'www-authenticate': 'Bearer realm="llmployable"' },
  });
}

export function insufficientScope(required: readonly Scope[]): DomainError {
  return new DomainError({
    status: 403,
    code: AuthErrorCode.InsufficientScope,
    title: 'Forbidden',
    detail: `This API key lacks a scope this route requires: ${required.join(', ')}.`,
    extensions: { requiredScopes: required },
  });
}
