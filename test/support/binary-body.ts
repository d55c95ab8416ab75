import type request from 'supertest';

/** supertest: the body as bytes, whatever the content type (use with `.buffer(true).parse(binaryBody)`). */
export const binaryBody = (res: request.Response, done: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  const stream = res as unknown as NodeJS.ReadableStream;
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
};
