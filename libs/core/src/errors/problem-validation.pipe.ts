import { type ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import { type ValidationError } from 'class-validator';

import { DomainError } from './domain.error';
import { CoreErrorCode } from './error-codes';
import { type ProblemFieldErrorDto } from './problem.dto';

type FieldError = Omit<ProblemFieldErrorDto, 'in'>;

/** Carries flattened field errors out of class-validator until `transform` knows where they came from. */
class FieldErrors extends Error {
  constructor(readonly fields: FieldError[]) {
    super('validation failed');
  }
}

const LOCATIONS: Record<ArgumentMetadata['type'], ProblemFieldErrorDto['in']> = {
  body: 'body',
  query: 'query',
  param: 'params',
  custom: 'body',
};

/**
 * The global validation pipe: whitelist + forbidNonWhitelisted + transform, and failures reported as a
 * 400 problem whose `errors[]` names each invalid field, where it was and which rule failed.
 */
@Injectable()
export class ProblemValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new FieldErrors(flattenValidationErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof FieldErrors)) throw error;
      const location = LOCATIONS[metadata.type];
      throw new DomainError({
        status: 400,
        code: CoreErrorCode.ValidationFailed,
        title: 'Validation failed',
        detail: `The request ${location} is invalid: ${[...new Set(error.fields.map((f) => f.field))].join(', ')}.`,
        errors: error.fields.map((f) => ({ in: location, ...f })),
      });
    }
  }
}

/** class-validator errors as `{ field, rule, message }`, nested fields as dotted paths under `prefix`. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      rule: rule === 'whitelistValidation' ? 'unknown_property' : rule,
      message,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}
