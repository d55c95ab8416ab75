import { DomainError, type Scope } from '@app/core';

/** Error codes of the users module (stable; documented in problem responses). */
export enum UsersErrorCode {
  UserNotFound = 'user_not_found',
  EmailTaken = 'email_taken',
  LastAdmin = 'last_admin',
  AdminExists = 'admin_exists',
  ApiKeyNotFound = 'api_key_not_found',
  ApiKeyRevoked = 'api_key_revoked',
  ScopeNotGrantable = 'scope_not_grantable',
  InvalidExpiry = 'invalid_expiry',
  TooManyKeys = 'too_many_api_keys',
}

export const userNotFound = () =>
  new DomainError({ status: 404, code: UsersErrorCode.UserNotFound, detail: 'No such user.' });

export const apiKeyNotFound = () =>
  new DomainError({ status: 404, code: UsersErrorCode.ApiKeyNotFound, detail: 'No such API key.' });

export const emailTaken = (email: string) =>
  new DomainError({
    status: 409,
    code: UsersErrorCode.EmailTaken,
    detail: `A user with email ${email} already exists.`,
    errors: [{ in: 'body', field: 'email', rule: 'unique', message: 'email is already in use' }],
  });

export const scopeNotGrantable = (scopes: readonly Scope[]) =>
  new DomainError({
    status: 403,
    code: UsersErrorCode.ScopeNotGrantable,
    detail: `These scopes cannot be granted by this key to this user: ${scopes.join(', ')}.`,
    extensions: { scopes },
  });
