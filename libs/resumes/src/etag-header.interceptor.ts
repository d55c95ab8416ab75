import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { type Observable, tap } from 'rxjs';

/** Sets the `ETag` response header from the `etag` of the returned body (resumes and versions). */
@Injectable()
export class EtagHeaderInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      tap((body: unknown) => {
        const etag = (body as { etag?: unknown } | undefined)?.etag;
        if (typeof etag === 'string') void reply.header('etag', etag);
      }),
    );
  }
}
