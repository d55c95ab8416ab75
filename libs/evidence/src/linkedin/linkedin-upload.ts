import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { type FastifyRequest } from 'fastify';
import { ApiProblemResponse } from '@app/core';

import { readSingleUpload } from '../upload';
import { DEFAULT_LINKEDIN_ARCHIVE_LIMITS } from './linkedin-archive.limits';

/** The multipart field a LinkedIn archive is uploaded in. */
export const LINKEDIN_ARCHIVE_FIELD = 'archive';

/** Documents a route taking a LinkedIn archive upload: the multipart body and the upload's problems. */
export const ApiLinkedInArchiveUpload = () =>
  applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: [LINKEDIN_ARCHIVE_FIELD],
        properties: {
          [LINKEDIN_ARCHIVE_FIELD]: {
            type: 'string',
            format: 'binary',
            description: 'The ZIP LinkedIn sent you',
          },
        },
      },
    }),
    ApiProblemResponse(
      413,
      'The archive, an entry or the total is over a limit (`linkedin_archive_too_large`)',
    ),
    ApiProblemResponse(415, 'Not a multipart upload'),
    ApiProblemResponse(
      422,
      'Not a valid ZIP, an unsafe or encrypted entry, or a malformed CSV naming file and line',
    ),
  );

/** The uploaded archive's bytes, refused above the archive size limit before it is buffered. */
export const readLinkedInArchive = (request: FastifyRequest): Promise<Buffer> =>
  readSingleUpload(request, LINKEDIN_ARCHIVE_FIELD, DEFAULT_LINKEDIN_ARCHIVE_LIMITS.maxArchiveBytes);
