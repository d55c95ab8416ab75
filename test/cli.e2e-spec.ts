/** The operator CLI as a real process (`npm run build` first; the test command does it). */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { startTestApp, testEnv } from '@app/testing';

const cliMain = join(__dirname, '..', 'dist/apps/cli/src/main.js');

function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  if (!existsSync(cliMain)) throw new Error(`${cliMain} is missing: run \`npm run build\` first`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliMain, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run cli -- create-admin', () => {
  it('creates the first admin once, prints one working key only on stdout, and refuses a second admin', async () => {
    const env = testEnv({ LOG_LEVEL: 'info' });
    const first = await cli(['create-admin', '--email', 'Root@Example.com', '--name', 'Root'], env);
    expect(first.code).toBe(0);
    const key = /^(llm_test_[0-9a-f]{8}_\S+)$/m.exec(first.stdout)?.[1];
    expect(key).toBeDefined();
    expect(first.stdout).toContain('Created admin root@example.com');
    expect(first.stderr).not.toContain(key!.slice(18));

    const t = await startTestApp({ env: { MONGODB_DB: env.MONGODB_DB } });
    try {
      const me = await request(t.server)
        .get('/api/v1/users/me')
        .set('authorization', `Bearer ${key}`)
        .expect(200);
      expect(me.body).toMatchObject({ email: 'root@example.com', role: 'admin', name: 'Root' });
      await request(t.server).get('/api/v1/users').set('x-api-key', key!).expect(200);

      const second = await cli(['create-admin', '--email', 'other@example.com'], env);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain('admin_exists');
      expect(second.stdout).toBe('');

      const idempotent = await cli(['create-admin', '--if-none'], {
        ...env,
        BOOTSTRAP_ADMIN_EMAIL: 'x@example.com',
      });
      expect(idempotent.code).toBe(0);
      expect(idempotent.stdout).toBe('');
      const users = await request(t.server).get('/api/v1/users').set('x-api-key', key!).expect(200);
      expect(users.body.items).toHaveLength(1);
    } finally {
      await t.close();
    }
  });

  it('explains its usage, and exits 2 on a wrong command', async () => {
    const wrong = await cli(['make-admin'], testEnv());
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('usage: llmployable-cli create-admin');
    const invalid = await cli(['create-admin', '--email', 'not an email', '--name', ''], testEnv());
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('email must be an email');
    expect(invalid.stderr).toContain('name must be longer than or equal to 1 characters');
    const nothing = await cli(['create-admin', '--if-none'], testEnv());
    expect(nothing.code).toBe(0);
    expect(nothing.stderr).toContain('nothing to do');
  });
});
