import { DomainError } from '@app/core';

export enum AuditErrorCode {
  InvalidTimeRange = 'audit_invalid_time_range',
}

export function invalidTimeRange(): DomainError {
  return new DomainError({
    status: 400,
    code: AuditErrorCode.InvalidTimeRange,
    title: 'Invalid time range',
    detail: '`from` must be earlier than `to`.',
    errors: [{ in: 'query', field: 'from', rule: 'beforeTo', message: 'from must be earlier than to' }],
  });
}
