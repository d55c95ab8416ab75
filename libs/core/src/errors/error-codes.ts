/**
 * Error codes of the core module: stable, machine-readable, documented. Feature modules define their own
 * enums the same way and throw `DomainError`s carrying them.
 */
export enum CoreErrorCode {
  ValidationFailed = 'validation_failed',
  BadRequest = 'bad_request',
  Unauthorized = 'unauthorized',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  RouteNotFound = 'route_not_found',
  Conflict = 'conflict',
  PreconditionFailed = 'precondition_failed',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  UnprocessableEntity = 'unprocessable_entity',
  TooManyRequests = 'too_many_requests',
  InternalError = 'internal_error',
  ServiceUnavailable = 'service_unavailable',
  DependencyUnavailable = 'dependency_unavailable',
  RequestHeaderFieldsTooLarge = 'request_header_fields_too_large',
}

/** Default title per status, used when an error does not bring its own. */
export const STATUS_TITLES: Readonly<Record<number, string>> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable entity',
  429: 'Too many requests',
  431: 'Request header fields too large',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

/** Default code per status for errors that carry no code of their own (framework and HTTP errors). */
export const STATUS_CODES: Readonly<Record<number, string>> = {
  400: CoreErrorCode.BadRequest,
  401: CoreErrorCode.Unauthorized,
  403: CoreErrorCode.Forbidden,
  404: CoreErrorCode.NotFound,
  409: CoreErrorCode.Conflict,
  412: CoreErrorCode.PreconditionFailed,
  413: CoreErrorCode.PayloadTooLarge,
  415: CoreErrorCode.UnsupportedMediaType,
  422: CoreErrorCode.UnprocessableEntity,
  429: CoreErrorCode.TooManyRequests,
  431: CoreErrorCode.RequestHeaderFieldsTooLarge,
  500: CoreErrorCode.InternalError,
  503: CoreErrorCode.ServiceUnavailable,
};

export const PROBLEM_TYPE_BASE = 'https://llmployable.dev/problems/';
