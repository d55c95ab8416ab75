import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One invalid field of a request (validation failures only). */
export class ProblemFieldErrorDto {
  @ApiProperty({ description: 'Where the invalid value is: body, query, params or header', example: 'body' })
  in!: 'body' | 'query' | 'params' | 'header';

  @ApiProperty({ description: 'Dotted path of the invalid field', example: 'profile.githubUsername' })
  field!: string;

  @ApiProperty({
    description: 'What is wrong with it',
    example: 'githubUsername must be a valid GitHub username',
  })
  message!: string;

  @ApiProperty({ description: 'Machine-readable rule that failed', example: 'matches' })
  rule!: string;
}

/** RFC 9457 problem details, the body of every error response (`application/problem+json`). */
export class ProblemDto {
  @ApiProperty({
    description: 'URI identifying the problem type',
    example: 'https://llmployable.dev/problems/validation-failed',
  })
  type!: string;

  @ApiProperty({
    description: 'Short, human-readable summary of the problem type',
    example: 'Validation failed',
  })
  title!: string;

  @ApiProperty({ description: 'HTTP status code', example: 400 })
  status!: number;

  @ApiProperty({
    description: 'Explanation specific to this occurrence',
    example: 'The request body is invalid.',
  })
  detail!: string;

  @ApiProperty({ description: 'The request path this problem occurred on', example: '/api/v1/resumes' })
  instance!: string;

  @ApiProperty({ description: 'Stable machine-readable error code', example: 'validation_failed' })
  code!: string;

  @ApiProperty({ description: 'The request id (also in the X-Request-Id header)', example: 'a1b2c3d4' })
  requestId!: string;

  @ApiPropertyOptional({
    type: [ProblemFieldErrorDto],
    description: 'Each invalid field (validation failures)',
  })
  errors?: ProblemFieldErrorDto[];

  @ApiPropertyOptional({
    description: 'Reference to quote to support (500 errors only)',
    example: 'err_5f2c…',
  })
  errorId?: string;
}

export type ProblemBody = ProblemDto & Record<string, unknown>;
