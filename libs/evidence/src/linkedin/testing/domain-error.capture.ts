import { DomainError } from '@app/core';

/** The DomainError `run` throws (anything else is rethrown; not throwing fails). */
export function thrownDomainError(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

/** The DomainError `promise` rejects with (anything else is rethrown; resolving fails). */
export async function rejectedDomainError(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, the promise resolved');
}
