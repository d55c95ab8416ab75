import { DomainError, type ProblemFieldErrorDto } from '@app/core';

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
