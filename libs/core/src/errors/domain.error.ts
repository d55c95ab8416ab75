import { type ProblemFieldErrorDto } from './problem.dto';

export interface DomainErrorOptions {
  /** Stable machine-readable code from a module's error-code enum. */
  code: string;
  status: number;
  /** Human-readable explanation for this occurrence; shown to the client, so never internal details. */
  detail: string;
  title?: string;
  /** Extra problem members (e.g. `resetAt` for rate limits). */
  extensions?: Record<string, unknown>;
  /** Response headers to add (e.g. `Retry-After`). */
  headers?: Record<string, string>;
  errors?: ProblemFieldErrorDto[];
  cause?: unknown;
}

/**
 * An expected failure the client can act on. Services throw these; the global filter turns them into
 * problem+json with the given status and code. Anything that is not a DomainError or an HttpException is a 500.
 */
export class DomainError extends Error {
  readonly code: string;
  readonly status: number;
  readonly title?: string;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;
  readonly errors?: ProblemFieldErrorDto[];

  constructor(options: DomainErrorOptions) {
    super(options.detail, { cause: options.cause });
    this.name = 'DomainError';
    this.code = options.code;
    this.status = options.status;
    this.title = options.title;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
    this.errors = options.errors;
  }
}
