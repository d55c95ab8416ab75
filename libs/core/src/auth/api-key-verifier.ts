import { type Principal } from './principal';

/**
 * Turns a presented API key into a principal, or null when the key is unknown, revoked, expired or its
 * user deactivated (the guard answers all of these with the same 401). Implemented by the users library;
 * the core guard depends only on this abstract class, which doubles as the injection token.
 */
export abstract class ApiKeyVerifier {
  abstract verify(presentedKey: string): Promise<Principal | null>;
}
