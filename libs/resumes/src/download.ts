import { type FastifyReply, type FastifyRequest } from 'fastify';

import { type Download } from './resumes.service';

/**
 * Sends a file with its content type, `Content-Disposition: attachment`, strong ETag and caching rules;
 * answers 304 when `If-None-Match` already names this ETag.
 */
export function sendDownload(request: FastifyRequest, reply: FastifyReply, file: Download): FastifyReply {
  void reply.header('etag', file.etag).header('cache-control', 'private, no-cache');
  const ifNoneMatch = request.headers['if-none-match'];
  const tags =
    typeof ifNoneMatch === 'string'
      ? ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''))
      : [];
  if (tags.includes(file.etag) || tags.includes('*')) return reply.status(304).send();
  const asciiName = file.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return reply
    .header('content-type', file.contentType)
    .header(
      'content-disposition',
      `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    )
    .header('content-length', String(file.data.length))
    .send(file.data);
}
