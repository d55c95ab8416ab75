import { DomainError, type ProblemFieldErrorDto } from '@app/core';

import { type PathError, validateJsonResume } from './document/json-resume.mapper';

export enum ResumesErrorCode {
  ResumeNotFound = 'resume_not_found',
  VersionNotFound = 'resume_version_not_found',
  StaleVersion = 'stale_version',
  EditConflict = 'edit_conflict',
  InvalidDocument = 'invalid_document',
  InvalidJsonResume = 'invalid_json_resume',
  ArtifactNotAvailable = 'artifact_not_available',
  NothingToUpdate = 'nothing_to_update',
}

export const resumeNotFound = () =>
  new DomainError({ status: 404, code: ResumesErrorCode.ResumeNotFound, detail: 'No such resume.' });

export const versionNotFound = (number: number) =>
  new DomainError({
    status: 404,
    code: ResumesErrorCode.VersionNotFound,
    detail: `This resume has no version ${number}.`,
  });

export const staleVersion = (current: string) =>
  new DomainError({
    status: 412,
    code: ResumesErrorCode.StaleVersion,
    title: 'Precondition failed',
    detail: 'The resume changed since the version your If-Match names; read it again and reapply your edit.',
    extensions: { currentEtag: current },
  });

export const invalidDocument = (errors: ProblemFieldErrorDto[]) =>
  new DomainError({
    status: 400,
    code: ResumesErrorCode.InvalidDocument,
    title: 'Validation failed',
    detail: `The resulting document is invalid: ${[...new Set(errors.map((e) => e.field))].join(', ')}.`,
    errors,
  });

/** 422 listing each problem of a JSON Resume at its path under `field` (`jsonResume.work.0.startDate`). */
export const invalidJsonResume = (problems: PathError[], field = 'jsonResume') =>
  new DomainError({
    status: 422,
    code: ResumesErrorCode.InvalidJsonResume,
    title: 'Invalid JSON Resume',
    detail: `The JSON Resume is invalid at ${problems.map((p) => p.path || '/').join(', ')}.`,
    errors: problems.map((p) => ({
      in: 'body',
      field: `${field}${p.path.replace(/\//g, '.')}`,
      rule: 'jsonResume',
      message: p.message,
    })),
  });

/** Validates a JSON Resume (official schema, then our rules); a 422 listing every problem by path. */
export function assertValidJsonResume(input: unknown, field = 'jsonResume'): void {
  const problems = validateJsonResume(input);
  if (problems.length > 0) throw invalidJsonResume(problems, field);
}
