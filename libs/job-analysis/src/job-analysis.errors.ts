import { DomainError } from '@app/core';

export enum JobAnalysisErrorCode {
  AnalysisNotFound = 'job_analysis_not_found',
  InvalidDescription = 'job_description_invalid',
}

export const jobAnalysisNotFound = () =>
  new DomainError({
    status: 404,
    code: JobAnalysisErrorCode.AnalysisNotFound,
    detail: 'No such job analysis.',
  });

/** 422: the description is not analysable text (its rule and a message name what is wrong). */
export const invalidDescription = (rule: string, message: string, field = 'description') =>
  new DomainError({
    status: 422,
    code: JobAnalysisErrorCode.InvalidDescription,
    title: 'Invalid job description',
    detail: message,
    errors: [{ in: 'body', field, rule, message }],
  });
