import { randomUUID } from 'node:crypto';

import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { PinoLogger } from 'nestjs-pino';

import { DomainError } from './domain.error';
import { CoreErrorCode, STATUS_CODES, STATUS_TITLES } from './error-codes';
import { PROBLEM_CONTENT_TYPE_HEADER, buildProblem } from './problem';
import { type ProblemBody } from './problem.dto';

interface Mapped {
  status: number;
  code: string;
  title?: string;
  detail: string;
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
  errors?: ProblemBody['errors'];
}

/**
 * The one global exception filter. Every error leaves as RFC 9457 `application/problem+json`
 * `{ type, title, status, detail, instance, code, requestId, errors? }`. Unexpected errors become a 500
 * that reveals nothing internal; the full error is logged with an `errorId` the client can quote.
 */
@Catch()
export class ProblemExceptionFilter implements ExceptionFilter {
  constructor(
    private readonly logger: PinoLogger,
    private readonly bodyLimitBytes: number,
  ) {
    this.logger.setContext(ProblemExceptionFilter.name);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const mapped = this.map(exception);
    const body: ProblemBody = buildProblem({
      ...mapped,
      instance: request.url ?? '/',
      requestId: String(request.id),
    });
    if (mapped.status >= 500 && !(exception instanceof DomainError)) {
      body.errorId = `err_${randomUUID()}`;
      this.logger.error({ err: exception, errorId: body.errorId }, 'unhandled error');
    }
    for (const [name, value] of Object.entries(mapped.headers ?? {})) void reply.header(name, value);
    void reply.status(mapped.status).header('content-type', PROBLEM_CONTENT_TYPE_HEADER).send(body);
  }

  private map(exception: unknown): Mapped {
    if (exception instanceof DomainError) {
      return {
        status: exception.status,
        code: exception.code,
        title: exception.title,
        detail: exception.message,
        extensions: exception.extensions,
        headers: exception.headers,
        errors: exception.errors,
      };
    }
    if (exception instanceof HttpException) return this.mapHttpException(exception);
    const status = (exception as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      // A client-side failure raised below the framework (e.g. the client aborted mid-body): not our error.
      return {
        status,
        code: STATUS_CODES[status] ?? CoreErrorCode.BadRequest,
        detail: 'The request could not be read.',
      };
    }
    return {
      status: 500,
      code: CoreErrorCode.InternalError,
      detail: 'An unexpected error occurred. Quote the errorId when reporting it.',
    };
  }

  private mapHttpException(exception: HttpException): Mapped {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const message =
      typeof response === 'string'
        ? response
        : String((response as { message?: unknown }).message ?? exception.message);
    if (status === 404 && /^Cannot [A-Z]+ /.test(message)) {
      return { status, code: CoreErrorCode.RouteNotFound, detail: 'No route matches this method and path.' };
    }
    if (status === 413) {
      // Fastify's body limit (Nest turns Fastify's own errors into HttpExceptions with their message).
      return {
        status,
        code: CoreErrorCode.PayloadTooLarge,
        detail: `The request body is larger than the ${this.bodyLimitBytes}-byte limit.`,
      };
    }
    if (status >= 500) {
      return {
        status,
        code: STATUS_CODES[status] ?? CoreErrorCode.InternalError,
        detail: STATUS_TITLES[status] ?? 'Error',
      };
    }
    return { status, code: STATUS_CODES[status] ?? CoreErrorCode.BadRequest, detail: message };
  }
}
