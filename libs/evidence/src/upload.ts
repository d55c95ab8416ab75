import { type FastifyRequest } from 'fastify';
import { CoreErrorCode, DomainError } from '@app/core';

/**
 * The one file of a `multipart/form-data` upload, as bytes, at most `maxBytes`. A missing file, another
 * content type or a larger file is a problem naming the field; nothing larger is ever buffered.
 */
export async function readSingleUpload(
  request: FastifyRequest,
  field: string,
  maxBytes: number,
): Promise<Buffer> {
  if (!request.isMultipart()) {
    throw new DomainError({
      status: 415,
      code: CoreErrorCode.UnsupportedMediaType,
      detail: `Send the file as multipart/form-data in the field "${field}".`,
    });
  }
  const file = await request.file({ limits: { fileSize: maxBytes, files: 1 } });
  if (!file || file.fieldname !== field) {
    throw new DomainError({
      status: 400,
      code: CoreErrorCode.ValidationFailed,
      detail: `The upload needs a file in the field "${field}".`,
      errors: [{ in: 'body', field, rule: 'required', message: `${field} must be a file` }],
    });
  }
  try {
    return await file.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new DomainError({
        status: 413,
        code: CoreErrorCode.PayloadTooLarge,
        detail: `The file in "${field}" is larger than ${maxBytes} bytes.`,
        extensions: { limit: 'maxArchiveBytes', max: maxBytes },
      });
    }
    throw error;
  }
}
