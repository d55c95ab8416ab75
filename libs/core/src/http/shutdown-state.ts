import { CoreErrorCode, PROBLEM_TYPE_BASE } from '../errors/error-codes';

/** Set when SIGTERM arrives: new requests get 503 while in-flight ones finish. */
export class ShutdownState {
  draining = false;

  problemFor(url: string, requestId: string): Record<string, unknown> {
    return {
      type: `${PROBLEM_TYPE_BASE}${CoreErrorCode.ShuttingDown.replace(/_/g, '-')}`,
      title: 'Service unavailable',
      status: 503,
      detail: 'The server is shutting down; retry the request.',
      instance: url.split('?')[0],
      code: CoreErrorCode.ShuttingDown,
      requestId,
    };
  }
}
