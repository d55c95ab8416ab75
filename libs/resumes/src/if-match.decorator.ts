import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';

/**
 * The optional `If-Match` request header. (Nest's `@Headers('if-match')` would also publish the header as a
 * required parameter in OpenAPI; the route documents it as optional with `@ApiHeader` instead.)
 */
export const IfMatch = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined => {
    const value = context.switchToHttp().getRequest<FastifyRequest>().headers['if-match'];
    return typeof value === 'string' ? value : undefined;
  },
);
