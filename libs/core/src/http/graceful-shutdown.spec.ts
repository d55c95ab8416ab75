import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';

import pino from 'pino';
import { describe, expect, it } from 'vitest';

import { type ShutdownHost, installGracefulShutdown } from './graceful-shutdown';
import { ShutdownState } from './shutdown-state';

class FakeHost extends EventEmitter implements ShutdownHost {
  readonly exited = new Promise<number>((resolve) => this.once('exit-called', resolve));
  exit(code: number): void {
    this.emit('exit-called', code);
  }
}

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()).msg);
      callback();
    },
  });
  return { lines, logger: pino(stream) };
}

describe('installGracefulShutdown', () => {
  it('exits 1 when closing takes longer than the timeout', async () => {
    const host = new FakeHost();
    const { lines, logger } = capture();
    installGracefulShutdown({ close: () => new Promise<void>(() => undefined) }, logger, {
      timeoutMs: 50,
      host,
    });
    host.emit('SIGTERM', 'SIGTERM');
    expect(await host.exited).toBe(1);
    expect(lines).toEqual(['shutdown: draining in-flight requests', 'shutdown: timed out, exiting']);
  });

  it('exits 1 when closing fails, and handles only the first signal', async () => {
    const host = new FakeHost();
    const { lines, logger } = capture();
    const state = new ShutdownState();
    let closes = 0;
    const app = {
      close: async () => {
        closes++;
        throw new Error('mongo would not close');
      },
    };
    installGracefulShutdown(app, logger, { timeoutMs: 1000, host, state });
    host.emit('SIGINT', 'SIGINT');
    host.emit('SIGTERM', 'SIGTERM');
    expect(await host.exited).toBe(1);
    expect(closes).toBe(1);
    expect(state.draining).toBe(true);
    expect(lines).toContain('shutdown: failed');
  });
});
