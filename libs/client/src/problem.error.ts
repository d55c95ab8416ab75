import { type components } from './generated/openapi.js';

export type Problem = components['schemas']['ProblemDto'] & Record<string, unknown>;
export type ProblemFieldError = components['schemas']['ProblemFieldErrorDto'];

/**
 * An RFC 9457 problem the API answered with (any non-2xx response): `status`, `code` and `detail` as sent, the
 * whole body in `problem` (extensions such as `allowedTransitions` or `retryAfter` included).
 */
export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly errors: ProblemFieldError[];
  readonly requestId: string | undefined;
  /** Seconds the server asked to wait (`Retry-After`), when it did. */
  readonly retryAfter: number | undefined;

  constructor(
    readonly problem: Problem,
    readonly response?: Response,
  ) {
    super(`${problem.title ?? 'Request failed'}: ${problem.detail ?? problem.code ?? problem.status}`);
    this.name = 'ProblemError';
    this.status = problem.status;
    this.code = problem.code;
    this.title = problem.title;
    this.detail = problem.detail;
    this.errors = problem.errors ?? [];
    this.requestId = problem.requestId ?? response?.headers.get('x-request-id') ?? undefined;
    const retryAfter = Number(response?.headers.get('retry-after'));
    this.retryAfter = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined;
  }

  /** One line for people: `Not Found (not_found): Resume 665f… does not exist.` plus each invalid field. */
  describe(): string {
    const head = `${this.title} (${this.code}): ${this.detail}`;
    const fields = this.errors.map((error) => `  ${error.field}: ${error.message}`);
    return [head, ...fields].join('\n');
  }

  /** A problem object from a response that failed (a problem+json body, or whatever else it carried). */
  static async fromResponse(response: Response, body?: unknown): Promise<ProblemError> {
    const parsed = body === undefined ? await readBody(response) : body;
    if (isProblem(parsed)) return new ProblemError(parsed, response);
    const text = typeof parsed === 'string' ? parsed.trim().slice(0, 300) : '';
    return new ProblemError(
      {
        type: 'about:blank',
        status: response.status,
        code: `http_${response.status}`,
        title: response.statusText || `HTTP ${response.status}`,
        detail: text || `The server answered ${response.status} without a problem document.`,
        instance: new URL(response.url || 'http://unknown/').pathname,
        requestId: response.headers.get('x-request-id') ?? '',
      },
      response,
    );
  }
}

const isProblem = (value: unknown): value is Problem =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Problem).status === 'number' &&
  typeof (value as Problem).code === 'string';

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
