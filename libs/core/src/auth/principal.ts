import { type Scope } from './scopes';

export type UserRole = 'admin' | 'user';

/** Who is calling: the user an API key belongs to, and what that key may do. Set by the auth guard. */
export interface Principal {
  readonly userId: string;
  readonly role: UserRole;
  readonly keyId: string;
  /** The key's visible prefix (e.g. `llm_live_ab12cd34`), safe to log and audit. */
  readonly keyPrefix: string;
  readonly scopes: readonly Scope[];
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller; undefined on public routes and before the auth guard ran. */
    principal?: Principal;
  }
}
