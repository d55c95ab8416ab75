import { DomainError } from '@app/core';

export enum GenerationErrorCode {
  NotFound = 'generation_not_found',
  BatchNotFound = 'generation_batch_not_found',
  InvalidInput = 'generation_input_invalid',
  AlreadyFinished = 'generation_finished',
}

export const generationNotFound = () =>
  new DomainError({ status: 404, code: GenerationErrorCode.NotFound, detail: 'No such generation.' });

export const batchNotFound = () =>
  new DomainError({
    status: 404,
    code: GenerationErrorCode.BatchNotFound,
    detail: 'No such generation batch.',
  });

/** 422: exactly one of two fields was required. */
export const exactlyOne = (field: string, options: [string, string]) =>
  new DomainError({
    status: 422,
    code: GenerationErrorCode.InvalidInput,
    detail: `${field} needs exactly one of ${options.join(', ')}.`,
    errors: [
      {
        in: 'body',
        field,
        rule: 'exactlyOne',
        message: `${field} must have exactly one of ${options.join(', ')}`,
      },
    ],
  });

export const alreadyFinished = (status: string) =>
  new DomainError({
    status: 409,
    code: GenerationErrorCode.AlreadyFinished,
    detail: `The generation has already ${status === 'cancelled' ? 'been cancelled' : status}; nothing to cancel.`,
    extensions: { status },
  });
