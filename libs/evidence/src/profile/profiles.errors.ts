import { DomainError } from '@app/core';

export enum ProfilesErrorCode {
  ProfileNotFound = 'profile_not_found',
  ProfileBusy = 'profile_busy',
  NothingToUpdate = 'nothing_to_update',
}

export const profileNotFound = () =>
  new DomainError({ status: 404, code: ProfilesErrorCode.ProfileNotFound, detail: 'No such profile.' });

/** Another rebuild of the same profile finished first; the client retries with the new state. */
export const profileBusy = () =>
  new DomainError({
    status: 409,
    code: ProfilesErrorCode.ProfileBusy,
    detail: 'The profile was rebuilt by another request meanwhile; read it again and retry.',
  });

export const nothingToUpdate = () =>
  new DomainError({
    status: 400,
    code: ProfilesErrorCode.NothingToUpdate,
    detail: 'Send at least one of label, github, jsonResume.',
  });
