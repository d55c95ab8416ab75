/**
 * Requests that go wrong below our handlers (malformed HTTP, bad URLs, preflights, aborted bodies) still
 * get a problem+json answer with a request id and the security headers, and never look like our fault.
 */
import { connect } from 'node:net';
import { type AddressInfo } from 'node:net';

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '@app/testing';

import { TestRoutesModule } from './support/test-routes.module';

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends bytes as they are and reads the whole answer (the server closes these connections). */
function raw(port: number, payload: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(payload));
    let data = '';
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer within 5 s')));
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      const [statusLine, ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(
        headerLines.map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
  });
}

describe('HTTP edge cases', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({ imports: [TestRoutesModule], env: { CORS_ORIGINS: 'https://app.example.com' } });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  const expectProblem = (res: RawResponse, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const body = JSON.parse(res.body.replace(/^[0-9a-f]+\r\n|\r\n0\r\n$/g, ''));
    expect(body).toMatchObject({ status, code, requestId: res.headers['x-request-id'] });
  };

  it('an unknown HTTP method is a 400 problem', async () => {
    expectProblem(await raw(port, 'BREW /health HTTP/1.1\r\nHost: x\r\n\r\n'), 400, 'bad_request');
  });

  it('oversized headers are a 431 problem', async () => {
    const res = await raw(port, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expectProblem(res, 431, 'request_header_fields_too_large');
  });

  it('a malformed URL is a 400 problem with the request id, and is logged', async () => {
    const res = await raw(port, 'GET /api/v1/%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expectProblem(res, 400, 'bad_request');
    expect(JSON.parse(res.body).detail).toBe('The request URL is malformed.');
  });

  it('CORS preflights carry the request id and security headers too', async () => {
    const preflight = await request(t.server)
      .options('/api/v1/users/me')
      .set('origin', 'https://app.example.com')
      .set('access-control-request-method', 'GET')
      .expect(204);
    expect(preflight.headers['x-request-id']).toEqual(expect.any(String));
    expect(preflight.headers['x-frame-options']).toBe('DENY');
    const bare = await request(t.server).options('/api/v1/users/me');
    expect(bare.headers['x-request-id']).toEqual(expect.any(String));
    expect(bare.headers['x-frame-options']).toBe('DENY');
  });

  it('a client that aborts mid-body is not logged as a server error', async () => {
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          'POST /api/v1/test-only/things HTTP/1.1\r\nHost: x\r\nX-Request-Id: abort-me\r\n' +
            'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"na',
        );
        setTimeout(() => socket.destroy(), 100);
      });
      socket.on('close', () => setTimeout(resolve, 300));
    });
    const lines = t.logs.forRequest('abort-me');
    expect(lines.some((line) => line.msg === 'unhandled error')).toBe(false);
    expect(lines.every((line) => line.level !== 'error')).toBe(true);
  });
});
