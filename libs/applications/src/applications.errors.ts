import { DomainError } from '@app/core';

import { type ApplicationStatus, allowedTransitions, isClosed } from './application-status';
import { type EventTimeViolation } from './event-time.policy';

/** Error codes of the applications module (stable; documented in problem responses). */
export enum ApplicationsErrorCode {
  ApplicationNotFound = 'application_not_found',
  InvalidTransition = 'invalid_transition',
  NotClosed = 'application_not_closed',
  InvalidEventTime = 'invalid_event_time',
  ResumeNotFound = 'resume_not_found',
  ConcurrentChange = 'concurrent_status_change',
}

export const applicationNotFound = () =>
  new DomainError({
    status: 404,
    code: ApplicationsErrorCode.ApplicationNotFound,
    detail: 'No such application.',
  });

/** 409 naming the statuses the application may move to from where it is (from the transitions table). */
export const invalidTransition = (from: ApplicationStatus, to: ApplicationStatus) => {
  const allowed = allowedTransitions(from);
  const detail = isClosed(from)
    ? `The application is ${from}, a closed status with no transitions; reopen it first ` +
      '(POST /api/v1/applications/{id}/reopen).'
    : `An application cannot move from ${from} to ${to}. Allowed next statuses from ${from}: ${allowed.join(', ')}.`;
  return new DomainError({
    status: 409,
    code: ApplicationsErrorCode.InvalidTransition,
    detail,
    extensions: { from, to, allowedTransitions: [...allowed], canReopen: isClosed(from) },
  });
};

export const notClosed = (status: ApplicationStatus) =>
  new DomainError({
    status: 409,
    code: ApplicationsErrorCode.NotClosed,
    detail:
      `The application is ${status}, which is open: only accepted, rejected or withdrawn applications can ` +
      `be reopened. Allowed next statuses from ${status}: ${allowedTransitions(status).join(', ')}.`,
    extensions: { status, allowedTransitions: [...allowedTransitions(status)] },
  });

export const invalidEventTime = (field: string, violation: EventTimeViolation) =>
  new DomainError({
    status: 400,
    code: ApplicationsErrorCode.InvalidEventTime,
    detail: `${violation.message}; allowed: ${violation.earliest.toISOString()} to ${violation.latest.toISOString()}.`,
    errors: [{ in: 'body', field, rule: violation.rule, message: violation.message }],
    extensions: { earliest: violation.earliest.toISOString(), latest: violation.latest.toISOString() },
  });

export const resumeNotFound = (resumeId: string, version: number) =>
  new DomainError({
    status: 422,
    code: ApplicationsErrorCode.ResumeNotFound,
    detail: `resume ${resumeId} version ${version} is not one of your resume versions.`,
    errors: [
      {
        in: 'body',
        field: 'resume',
        rule: 'exists',
        message: 'resume must reference one of your resumes and an existing version of it',
      },
    ],
  });

export const concurrentChange = () =>
  new DomainError({
    status: 409,
    code: ApplicationsErrorCode.ConcurrentChange,
    detail: "The application's status kept changing while this change was applied; read it and try again.",
  });
