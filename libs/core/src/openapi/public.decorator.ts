import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const IS_PUBLIC = 'llmployable:isPublic';

/**
 * Marks a controller or route as callable without an API key. The auth guard skips it, and the OpenAPI
 * document gives its operations `security: []` (see `x-public` in the document builder).
 */
export const Public = () => applyDecorators(SetMetadata(IS_PUBLIC, true), ApiExtension('x-public', true));
