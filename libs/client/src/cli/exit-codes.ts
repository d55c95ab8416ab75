import { isConnectionError } from '../client.js';
import { ProblemError } from '../problem.error.js';

/** The CLI's exit codes (documented in libs/client/README.md): scripts branch on them. */
export const EXIT = {
  ok: 0,
  /** Anything unexpected (a bug, an unreadable answer). */
  unexpected: 1,
  /** Wrong command line: unknown command or flag, missing argument, unreadable input file. */
  usage: 2,
  /** No key, or the API refused it (401), or the key lacks the scope (403). */
  auth: 3,
  /** The thing named does not exist (404). */
  notFound: 4,
  /** The API rejected the request (400, 409, 413, 422…): the message says what to change. */
  rejected: 5,
  /** The generation ended failed or cancelled. */
  generationFailed: 6,
  /** Still rate limited (429) after the client's retries. */
  rateLimited: 7,
  /** The API is down, unreachable or failed (5xx, connection refused, timeout). */
  unavailable: 8,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure the CLI reports as one line (plus detail) and an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly detail?: string,
  ) {
    super(message);
  }
}

export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof ProblemError) {
    if (error.status === 401 || error.status === 403) return EXIT.auth;
    if (error.status === 404) return EXIT.notFound;
    if (error.status === 429) return EXIT.rateLimited;
    if (error.status >= 500) return EXIT.unavailable;
    return EXIT.rejected;
  }
  if (isNetworkError(error) || isNetworkError((error as Error | undefined)?.cause)) return EXIT.unavailable;
  return EXIT.unexpected;
}

/** fetch's network failures ("fetch failed" with ECONNREFUSED, ENOTFOUND… as the cause; "terminated"). */
export function isNetworkError(
  error: unknown,
): error is TypeError & { cause?: { code?: string; message?: string } } {
  return isConnectionError(error);
}
