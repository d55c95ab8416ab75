import { applyDecorators } from '@nestjs/common';
import { ApiResponse, getSchemaPath } from '@nestjs/swagger';

import { STATUS_TITLES } from '../errors/error-codes';
import { PROBLEM_CONTENT_TYPE } from '../errors/problem';
import { ProblemDto } from '../errors/problem.dto';

/** Documents a specific problem response of an operation (every operation also gets 4XX/5XX problems). */
export const ApiProblemResponse = (status: number, description?: string) =>
  applyDecorators(
    ApiResponse({
      status,
      description: description ?? STATUS_TITLES[status] ?? 'Error',
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
    }),
  );
