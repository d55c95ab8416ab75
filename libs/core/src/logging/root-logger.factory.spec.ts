import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';

import { afterEach, describe, expect, it } from 'vitest';

import { loadConfig } from '../config/app-config';
import { createRootLogger } from './root-logger.factory';

class Capture extends Writable {
  lines: Record<string, unknown>[] = [];
  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: () => void): void {
    for (const line of chunk.toString().split('\n').filter(Boolean)) this.lines.push(JSON.parse(line));
    callback();
  }
}

async function eventually(check: () => void, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe('createRootLogger', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('writes JSON with level names, service, profile, and the configured level', async () => {
    const capture = new Capture();
    const logger = await createRootLogger(loadConfig({ LOG_LEVEL: 'info' }), 'api', capture);
    logger.debug('hidden');
    logger.info({ answer: 42 }, 'shown');
    expect(capture.lines).toHaveLength(1);
    expect(capture.lines[0]).toMatchObject({ level: 'info', service: 'api', env: 'development', answer: 42 });
    expect(Date.parse(capture.lines[0].time as string)).not.toBeNaN();
  });

  it('redacts credentials wherever they are logged', async () => {
    const capture = new Capture();
    const logger = await createRootLogger(loadConfig({}), 'api', capture);
    logger.info({
      req: { headers: { authorization: 'Bearer s1', 'x-api-key': 's2', cookie: 's3', accept: 'json' } },
      res: { headers: { 'set-cookie': 's4' } },
      user: { apiKey: 's5', password: 's6' },
    });
    const text = JSON.stringify(capture.lines[0]);
    for (const secret of ['s1', 's2', 's3', 's4', 's5', 's6']) expect(text).not.toContain(`"${secret}"`);
    expect(text).toContain('"accept":"json"');
  });

  it('with LOG_DIR also writes rotating files, errors in a file of their own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llmployable-logs-'));
    dirs.push(dir);
    const logger = await createRootLogger(loadConfig({ LOG_DIR: dir, LOG_LEVEL: 'info' }), 'api');
    logger.info('an ordinary line');
    logger.error({ errorId: 'err_1' }, 'a failure');
    logger.flush();
    const read = (prefix: string) =>
      readdirSync(dir)
        .filter((name) => name.startsWith(prefix) && name.endsWith('.log'))
        .map((name) => readFileSync(join(dir, name), 'utf8'))
        .join('');
    await eventually(() => {
      expect(read('api.')).toContain('an ordinary line');
      expect(read('api.')).toContain('a failure');
      expect(read('api-error.')).toContain('a failure');
    });
    // Same line format as stdout: level names, not numbers.
    expect(JSON.parse(read('api-error.').trim().split('\n')[0])).toMatchObject({
      level: 'error',
      errorId: 'err_1',
    });
    expect(read('api-error.')).not.toContain('an ordinary line');
    expect(readdirSync(dir).some((name) => /^api\.\d{4}-\d{2}-\d{2}\.1\.log$/.test(name))).toBe(true);
  });
});
