import { Controller, applyDecorators } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

/** Prefix of every API route. Only the orchestrator probes (`/health`, `/health/ready`) live outside it. */
export const API_V1_PREFIX = 'api/v1';

/**
 * `@ApiV1Controller('resumes', 'resumes')` = a controller at `/api/v1/resumes`, tagged in OpenAPI.
 * The prefix is part of each controller's path (rather than a global prefix or RouterModule) so the
 * OpenAPI script, which builds the app in preview mode without instantiating modules, sees real paths.
 */
export const ApiV1Controller = (path: string, tag: string) =>
  applyDecorators(Controller(`${API_V1_PREFIX}/${path}`), ApiTags(tag));
