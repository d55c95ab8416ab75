import { Injectable } from '@nestjs/common';

/**
 * Tells whether a resume version exists and belongs to an owner, so an application can reference the
 * resume that was sent. Implemented outside this library (by the resumes library's adapter); this abstract
 * class doubles as the injection token. A missing or foreign resume or version answers false, alike.
 */
export abstract class ResumeVersionLookup {
  abstract exists(ownerId: string, resumeId: string, version: number): Promise<boolean>;
}

/**
 * The default when no lookup is configured: fails closed, so every resume reference is refused (422)
 * rather than trusted unchecked. `ApplicationsModule.forRoot({ resumeLookup })` replaces it.
 */
@Injectable()
export class UnavailableResumeVersionLookup extends ResumeVersionLookup {
  exists(): Promise<boolean> {
    return Promise.resolve(false);
  }
}
