import { ResumeDocumentDto, type ResumeDocument } from '@app/resumes/document';
import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';

import { type LlmValidation } from './draft.types';

/**
 * A value as a resume document: class-validator on ResumeDocumentDto (as the resumes service validates),
 * unknown properties stripped (whitelist). Errors as `path: message`, e.g. `experience.0.company: company
 * must be longer than or equal to 1 characters`.
 */
export function validateResumeDocument(value: unknown): LlmValidation<ResumeDocument> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, errors: ['document: must be an object'] };
  }
  const instance = plainToInstance(ResumeDocumentDto, value);
  const errors = validateSync(instance, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) return { ok: false, errors: flatten(errors, '') };
  // A plain copy of what was validated (whitelisted: unknown properties are gone).
  return { ok: true, value: JSON.parse(JSON.stringify(instance)) as ResumeDocument };
}

function flatten(errors: readonly ValidationError[], prefix: string): string[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => `${path}: ${message}`);
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
