import { type OpenAPIObject } from '@nestjs/swagger';
import { type ContentObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

import { PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { IdempotencyErrorCode } from './idempotency';

type Operation = NonNullable<OpenAPIObject['paths'][string]['post']>;

const PARAMETER_DESCRIPTION =
  'A unique key (1-255 visible ASCII characters, e.g. a UUID) that makes a retry of this request safe: ' +
  'for 24 h, repeating it with the same method, path and body returns the first response again (with ' +
  '`Idempotent-Replayed: true`) instead of doing the work twice. Scoped to your API key. Responses with ' +
  `status 5xx, 409 or 429 are not kept. A malformed key is a 400 (\`${IdempotencyErrorCode.InvalidKey}\`).`;

const IN_PROGRESS = `A request with this Idempotency-Key is still running (\`${IdempotencyErrorCode.InProgress}\`)`;
const REUSED = `The Idempotency-Key was used for a different request (\`${IdempotencyErrorCode.KeyReused}\`)`;

/**
 * Documents `Idempotency-Key` on every authenticated POST operation: the optional header parameter, the
 * 409 (in progress) and 422 (reused) problems (appended to a route's own 409/422 description when it has
 * one), and `Idempotent-Replayed` on its success responses. Public operations (`x-public`, or
 * `security: []`) are not tracked and are left alone. Safe to call before or after the other contract
 * rules, and more than once.
 */
export function documentIdempotency(document: OpenAPIObject): OpenAPIObject {
  const problem: ContentObject = {
    [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDto' } },
  };
  const requestId = { $ref: '#/components/headers/XRequestId' };
  document.components = {
    ...document.components,
    headers: {
      ...document.components?.headers,
      IdempotentReplayed: {
        description:
          '`true` when this response is a replay of an earlier request with the same Idempotency-Key',
        schema: { type: 'string', enum: ['true'] },
      },
    },
  };
  for (const pathItem of Object.values(document.paths)) {
    const operation = pathItem.post;
    if (!operation || isPublic(operation)) continue;
    operation.parameters ??= [];
    const documented = operation.parameters.some(
      (parameter) =>
        'name' in parameter && parameter.in === 'header' && /^idempotency-key$/i.test(parameter.name),
    );
    if (!documented) {
      operation.parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: PARAMETER_DESCRIPTION,
        schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x21-\\x7E]+$' },
      });
    }
    addProblem(operation, '409', IN_PROGRESS, IdempotencyErrorCode.InProgress, problem, requestId);
    addProblem(operation, '422', REUSED, IdempotencyErrorCode.KeyReused, problem, requestId);
    for (const [status, response] of Object.entries(operation.responses)) {
      if (!status.startsWith('2') || !response || '$ref' in response) continue;
      response.headers = {
        ...response.headers,
        'Idempotent-Replayed': { $ref: '#/components/headers/IdempotentReplayed' },
      };
    }
  }
  return document;
}

function isPublic(operation: Operation): boolean {
  const extensions = operation as unknown as Record<string, unknown>;
  return (
    Boolean(extensions['x-public']) || (Array.isArray(operation.security) && operation.security.length === 0)
  );
}

function addProblem(
  operation: Operation,
  status: string,
  description: string,
  code: string,
  content: ContentObject,
  requestId: { $ref: string },
): void {
  const existing = operation.responses[status];
  if (!existing) {
    operation.responses[status] = { description, headers: { 'X-Request-Id': requestId }, content };
  } else if (!('$ref' in existing) && !existing.description.includes(code)) {
    existing.description = `${existing.description}; or: ${description}`;
  }
}
