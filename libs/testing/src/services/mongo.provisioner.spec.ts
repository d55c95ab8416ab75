import { copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import mongoose from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { isPortOpen } from './free-port';
import { MongoProvisionError, pingMongo, provisionMongo, type MongoHandle } from './mongo.provisioner';
import { makeTempDir, removeDir } from './process';
import { findRepoRoot } from './repo-root';

const repoRoot = findRepoRoot(__dirname);
// No MONGODB_URI and no mongod, so the chain reaches FerretDB even on a machine that has mongod.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PATH: (process.env.PATH ?? '')
    .split(delimiter)
    .filter((dir) => !existsSync(join(dir, 'mongod')))
    .join(delimiter),
};
delete env.MONGODB_URI;
const ourTempDirs = (): string[] =>
  readdirSync(tmpdir()).filter((name) => name.startsWith(`llmployable-svc-ferretdb-${process.pid}-`));

describe('provisionMongo', () => {
  let ferret: MongoHandle;
  afterAll(() => ferret?.stop());

  it('starts FerretDB (building it if needed) and detects the backend', { timeout: 240_000 }, async () => {
    ferret = await provisionMongo({ repoRoot, env });
    expect(ferret).toMatchObject({ kind: 'ferretdb', backend: 'ferretdb' });
    expect(ferret.uri).toMatch(/^mongodb:\/\/127\.0\.0\.1:\d+\/$/);
    const client = new mongoose.mongo.MongoClient(ferret.uri);
    try {
      const things = client.db('spec').collection<{ name: string }>('things');
      await things.insertOne({ name: 'a' });
      expect(await things.findOne({ name: 'a' }, { projection: { _id: 0 } })).toEqual({ name: 'a' });
    } finally {
      await client.close();
    }
  });

  it('uses MONGODB_URI as given and leaves that server running on stop()', async () => {
    const external = await provisionMongo({ repoRoot, env: { ...env, MONGODB_URI: ferret.uri } });
    expect(external).toMatchObject({ kind: 'external', backend: 'ferretdb', uri: ferret.uri });
    await external.stop();
    await expect(pingMongo(ferret.uri)).resolves.toBe('ferretdb');
  });

  it('stop() ends FerretDB and removes its temp dir', async () => {
    expect(ourTempDirs()).toHaveLength(1);
    await ferret.stop();
    expect(await isPortOpen(Number(new URL(ferret.uri).port))).toBe(false);
    expect(ourTempDirs()).toHaveLength(0);
  });

  it('fails with one error that lists every option tried and why', async () => {
    const fakeRoot = makeTempDir('spec-repo');
    try {
      mkdirSync(join(fakeRoot, 'tools', 'ferretdb'), { recursive: true });
      for (const file of ['go.mod', 'go.sum', 'main.go']) {
        copyFileSync(join(repoRoot, 'tools', 'ferretdb', file), join(fakeRoot, 'tools', 'ferretdb', file));
      }
      const error = await provisionMongo({
        repoRoot: fakeRoot,
        env: { PATH: '/nonexistent' },
        memoryServerFactory: () =>
          Promise.reject(new Error('Download failed: getaddrinfo ENOTFOUND fastdl.mongodb.org')),
      }).catch((e) => e);
      expect(error).toBeInstanceOf(MongoProvisionError);
      expect((error as MongoProvisionError).attempts.map((a) => a.kind)).toEqual([
        'external',
        'mongod',
        'ferretdb',
        'mongodb-memory-server',
      ]);
      expect(error.message).toContain('external: MONGODB_URI is not set');
      expect(error.message).toContain('mongod: mongod not found on PATH');
      expect(error.message).toContain('ferretdb: go not found on PATH, and no cached FerretDB binary');
      expect(error.message).toContain('mongodb-memory-server: Download failed: getaddrinfo ENOTFOUND');
    } finally {
      removeDir(fakeRoot);
    }
  });

  it('fails clearly, without falling back, when MONGODB_URI does not answer', async () => {
    await expect(
      provisionMongo({ repoRoot, env: { MONGODB_URI: 'mongodb://u:pw@127.0.0.1:1/' }, startTimeoutMs: 300 }),
    ).rejects.toThrow(/^MONGODB_URI \(mongodb:\/\/u:\*\*\*@127\.0\.0\.1:1\/\) was not ready within 300 ms/);
  });
});
