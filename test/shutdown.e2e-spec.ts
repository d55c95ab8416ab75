import { EventEmitter } from 'node:events';
import { type AddressInfo } from 'node:net';

import { getConnectionToken } from '@nestjs/mongoose';
import { type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_CLIENT, installGracefulShutdown } from '@app/core';
import { type TestApp, startTestApp } from '@app/testing';

import { TestRoutesModule } from './support/test-routes.module';

/** Stands in for `process`: the test sends the signal and records the exit code instead of exiting. */
class FakeProcess extends EventEmitter {
  exitCode?: number;
  exited = new Promise<number>((resolve) => this.once('exited', resolve));
  exit(code: number): void {
    this.exitCode = code;
    this.emit('exited', code);
  }
}

describe('graceful shutdown on SIGTERM', () => {
  let t: TestApp;
  let base: string;
  const host = new FakeProcess();

  beforeAll(async () => {
    t = await startTestApp({ imports: [TestRoutesModule] });
    // startTestApp only inits; listen for real so connections can be refused after the signal.
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;
    installGracefulShutdown(t.app, t.logger, { timeoutMs: 10_000, state: t.shutdown, host });
  });
  afterAll(async () => {
    if (host.exitCode === undefined) await t.close();
  });

  it('finishes the in-flight request, refuses new connections, closes MongoDB and Redis, exits 0', async () => {
    const connection = t.app.get<Connection>(getConnectionToken());
    const redis = t.app.get<{ isOpen: boolean }>(REDIS_CLIENT);
    await connection.dropDatabase(); // the app is about to close for good; leave nothing behind

    const inFlight = fetch(`${base}/api/v1/test-only/slow?ms=1500`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    host.emit('SIGTERM', 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));

    await expect(fetch(`${base}/health`)).rejects.toThrow();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ waitedMs: 1500 });

    expect(await host.exited).toBe(0);
    expect(connection.readyState).toBe(0);
    expect(redis.isOpen).toBe(false);
    const messages = t.logs.lines.map((line) => line.msg);
    expect(messages).toEqual(
      expect.arrayContaining(['shutdown: draining in-flight requests', 'shutdown: complete']),
    );
  });
});
