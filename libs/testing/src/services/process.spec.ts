import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getFreePort, isPortOpen } from './free-port';
import { findExecutable, makeTempDir, ManagedProcess, pollUntil } from './process';

const node = process.execPath;

describe('ManagedProcess', () => {
  it('quotes the last output lines when the child exits before it is ready', async () => {
    const child = ManagedProcess.spawn({
      name: 'noisy',
      command: node,
      args: [
        '-e',
        'for (let i = 1; i <= 50; i++) console.log("line " + i); console.error("boom"); process.exit(3)',
      ],
      tailLines: 5,
    });
    const error = await child
      .waitUntilReady(() => Promise.reject(new Error('not yet')), 5000)
      .catch((e) => e);
    expect(error.message).toMatch(/^noisy stopped before it was ready \(exit code 3\)/);
    expect(error.message).toContain('boom');
    expect(error.message).not.toContain('line 45\n'); // only the last 5 lines are kept
    expect(child.tail().split('\n')).toHaveLength(5);
  });

  it('reports a probe that never succeeds within the timeout, and stop() removes temp dirs', async () => {
    const dir = makeTempDir('spec');
    const child = ManagedProcess.spawn({
      name: 'idle',
      command: node,
      args: ['-e', 'console.log("hello"); setInterval(() => {}, 1000)'],
      tempDirs: [dir],
    });
    const error = await child.waitUntilReady(() => Promise.reject(new Error('nope')), 300).catch((e) => e);
    expect(error.message).toMatch(/^idle was not ready within 300 ms \(last error: nope\)/);
    expect(child.running).toBe(true);
    await child.stop();
    expect(child.running).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });

  it('escalates to SIGKILL when the child ignores SIGTERM', async () => {
    const child = ManagedProcess.spawn({
      name: 'stubborn',
      command: node,
      args: [
        '-e',
        'process.on("SIGTERM", () => console.log("ignored")); console.log("up"); setInterval(() => {}, 1000)',
      ],
    });
    await pollUntil(async () => expect(child.tail()).toContain('up'), 5000);
    const started = Date.now();
    await child.stop(300);
    expect((await child.exited).signal).toBe('SIGKILL');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it.runIf(process.platform === 'linux')('stop() also ends what the child started', async () => {
    const child = ManagedProcess.spawn({
      name: 'parent',
      command: 'sh',
      args: ['-c', 'sleep 1000 & echo $!; wait'],
    });
    const grandchild = await pollUntil(
      async () => Number(child.tail().match(/^\d+$/m)?.[0] ?? NaN) || Promise.reject(),
      5000,
    );
    await child.stop();
    const state = (): string => {
      try {
        return readFileSync(`/proc/${grandchild}/stat`, 'utf8').split(' ')[2]; // Z: dead, not yet reaped
      } catch {
        return 'gone';
      }
    };
    await pollUntil(async () => expect(['Z', 'gone']).toContain(state()), 2000);
  });

  it('reports a command that cannot be started', async () => {
    const child = ManagedProcess.spawn({ name: 'missing', command: '/nonexistent/bin', env: { PATH: '' } });
    const error = await child.waitUntilReady(() => Promise.reject(new Error('no')), 2000).catch((e) => e);
    expect(error.message).toMatch(/missing stopped before it was ready \(could not start: .*ENOENT/);
  });
});

describe('ports and PATH', () => {
  it('finds a free loopback port that nobody listens on', async () => {
    const port = await getFreePort();
    expect(port).toBeGreaterThan(0);
    expect(await isPortOpen(port)).toBe(false);
  });

  it('finds executables on the PATH of the given env only', () => {
    expect(findExecutable('node', { PATH: `/nonexistent:${process.execPath.replace(/\/node$/, '')}` })).toBe(
      process.execPath,
    );
    expect(findExecutable('node', { PATH: '/nonexistent' })).toBeUndefined();
  });
});
