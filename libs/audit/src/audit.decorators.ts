import { SetMetadata } from '@nestjs/common';

export const AUDIT_ACTION = 'llmployable:auditAction';
export const AUDIT_RESOURCE = 'llmployable:auditResource';
export const NO_AUDIT = 'llmployable:noAudit';

/**
 * Names the action an audited route performs, e.g. `@AuditAction('api_key.rotate')`. Without it the
 * action is `METHOD /route/:pattern`, e.g. `POST /api/v1/api-keys/:id/rotate`.
 */
export const AuditAction = (action: string) => SetMetadata(AUDIT_ACTION, action);

/**
 * The type of resource a controller's (or one route's) mutations act on, e.g. `@AuditResource('api_key')`.
 * Without it the type is derived from the route path (see `deriveResource`).
 */
export const AuditResource = (type: string) => SetMetadata(AUDIT_RESOURCE, type);

/**
 * Leaves a mutating route out of the audit log (on a controller or a route), rejected requests included.
 */
export const NoAudit = () => SetMetadata(NO_AUDIT, true);
