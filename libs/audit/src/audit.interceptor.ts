import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type FastifyRequest } from 'fastify';
import { type Observable, tap } from 'rxjs';

import { type AuditAnnotation, annotateRequest } from './audit-annotation';
import { AUDITED_METHODS, resultIdOf } from './audit-entry.builder';
import { AUDIT_ACTION, AUDIT_RESOURCE, NO_AUDIT } from './audit.decorators';

/**
 * The global audit interceptor (registered as `APP_INTERCEPTOR`). On a mutating request it reads the
 * route's `@AuditAction` / `@AuditResource` / `@NoAudit` and, on success, the `id` of the handler's result,
 * and attaches them to the request. It writes nothing itself and never touches the outcome: errors pass
 * through untouched, so the global filter still answers them.
 *
 * The entry is recorded by `AuditResponseHook` once the response has been sent, because only then is the
 * outcome final: the status the exception filter chose for an error, or Nest's default 201 for a POST
 * (both are set after interceptors have run). The hook also records mutating requests that never reached
 * an interceptor: those the auth guard (401/403) or the rate limiter (429) rejected, and bodies Fastify
 * refused (400/413). Those entries carry the derived action and resource type, since route decorators are
 * only visible from here.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!AUDITED_METHODS.has(request.method)) return next.handle();
    const targets = [context.getHandler(), context.getClass()];
    const annotation: AuditAnnotation = {
      skip: this.reflector.getAllAndOverride<boolean | undefined>(NO_AUDIT, targets) === true,
      action: this.reflector.getAllAndOverride<string | undefined>(AUDIT_ACTION, targets),
      resourceType: this.reflector.getAllAndOverride<string | undefined>(AUDIT_RESOURCE, targets),
    };
    annotateRequest(request, annotation);
    if (annotation.skip) return next.handle();
    return next.handle().pipe(
      tap({
        next: (result) => {
          annotation.resultId ??= resultIdOf(result);
        },
      }),
    );
  }
}
