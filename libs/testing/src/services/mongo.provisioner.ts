// MongoDB for tests and the local run, first that works of: MONGODB_URI; a `mongod` on PATH; FerretDB built
// from tools/ferretdb (SQLite backend); mongodb-memory-server. When all fail, one error lists every reason.
import mongoose from 'mongoose';
import { ensureFerretdbBinary } from './ferretdb-binary';
import { getFreePort, LOOPBACK } from './free-port';
import {
  errorMessage,
  findExecutable,
  makeTempDir,
  ManagedProcess,
  noopLog,
  pollUntil,
  redactUri,
  removeDir,
  type Env,
  type Log,
} from './process';

export type MongoKind = 'external' | 'mongod' | 'ferretdb' | 'mongodb-memory-server';
/** What actually answers: FerretDB lacks TTL indexes, $lookup, transactions and more (see DESIGN.md). */
export type MongoBackend = 'mongod' | 'ferretdb';

export interface MongoHandle {
  /** Server URI without a database name, e.g. mongodb://127.0.0.1:40123/ */
  uri: string;
  kind: MongoKind;
  backend: MongoBackend;
  /** Stops what we started (nothing for 'external') and removes its temp dirs. */
  stop(): Promise<void>;
}

/** The part of MongoMemoryServer we use; tests inject a fake. */
export interface MemoryServerLike {
  getUri(): string;
  stop(): Promise<unknown>;
}

export interface ProvisionMongoOptions {
  /** Repository root, holding tools/ferretdb and .cache/. */
  repoRoot: string;
  /** Read for MONGODB_URI and PATH, and passed to the servers we start (default process.env). */
  env?: Env;
  log?: Log;
  /** How long a server may take to answer ping (default 30 s; the FerretDB build has its own limit). */
  startTimeoutMs?: number;
  memoryServerFactory?: () => Promise<MemoryServerLike>;
}

export interface MongoAttempt {
  kind: MongoKind;
  reason: string;
}

export class MongoProvisionError extends Error {
  constructor(readonly attempts: MongoAttempt[]) {
    super(
      'Could not provision MongoDB. Tried, in order:\n' +
        attempts.map(({ kind, reason }) => `  - ${kind}: ${reason.replace(/\n/g, '\n      ')}`).join('\n') +
        '\nSet MONGODB_URI, put mongod on PATH, or install Go so tools/ferretdb can be built.',
    );
    this.name = 'MongoProvisionError';
  }
}

/** Connects once, runs ping, and tells mongod from FerretDB by buildInfo's ferretdbVersion. */
export async function pingMongo(uri: string, timeoutMs = 2000): Promise<MongoBackend> {
  const client = new mongoose.mongo.MongoClient(uri, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
  });
  try {
    await client.connect();
    const admin = client.db('admin');
    await admin.command({ ping: 1 });
    const buildInfo = await admin.command({ buildInfo: 1 });
    return 'ferretdbVersion' in buildInfo ? 'ferretdb' : 'mongod';
  } finally {
    await client.close();
  }
}

interface Context {
  repoRoot: string;
  env: Env;
  log: Log;
  timeoutMs: number;
  memoryServerFactory: () => Promise<MemoryServerLike>;
}

export async function provisionMongo(options: ProvisionMongoOptions): Promise<MongoHandle> {
  const ctx: Context = {
    repoRoot: options.repoRoot,
    env: options.env ?? process.env,
    log: options.log ?? noopLog,
    timeoutMs: options.startTimeoutMs ?? 30_000,
    memoryServerFactory: options.memoryServerFactory ?? createMemoryServer,
  };
  const external = ctx.env.MONGODB_URI;
  if (external) return useExternal(external, ctx);

  const attempts: MongoAttempt[] = [{ kind: 'external', reason: 'MONGODB_URI is not set' }];
  const strategies: [MongoKind, (ctx: Context) => Promise<MongoHandle>][] = [
    ['mongod', startMongod],
    ['ferretdb', startFerretdb],
    ['mongodb-memory-server', startMemoryServer],
  ];
  for (const [kind, start] of strategies) {
    try {
      return await start(ctx);
    } catch (error) {
      attempts.push({ kind, reason: errorMessage(error) });
      ctx.log(`MongoDB via ${kind} unavailable: ${errorMessage(error).split('\n')[0]}`);
    }
  }
  throw new MongoProvisionError(attempts);
}

async function useExternal(uri: string, ctx: Context): Promise<MongoHandle> {
  try {
    const backend = await pollUntil(() => pingMongo(uri, Math.min(2000, ctx.timeoutMs)), ctx.timeoutMs);
    return { uri, kind: 'external', backend, stop: async () => undefined };
  } catch (error) {
    throw new Error(`MONGODB_URI (${redactUri(uri)}) ${errorMessage(error)}`);
  }
}

async function startMongod(ctx: Context): Promise<MongoHandle> {
  const mongod = findExecutable('mongod', ctx.env);
  if (!mongod) throw new Error('mongod not found on PATH');
  return startServer(ctx, 'mongod', mongod, (port, dir) => [
    ...['--port', String(port), '--bind_ip', LOOPBACK, '--dbpath', dir],
    ...['--nounixsocket', '--quiet'],
  ]);
}

async function startFerretdb(ctx: Context): Promise<MongoHandle> {
  const binary = await ensureFerretdbBinary(ctx);
  return startServer(ctx, 'ferretdb', binary, (port, dir) => ['-listen', `${LOOPBACK}:${port}`, '-dir', dir]);
}

/** Starts `command` on a free loopback port with a fresh temp data dir and waits for ping. */
async function startServer(
  ctx: Context,
  kind: 'mongod' | 'ferretdb',
  command: string,
  args: (port: number, dir: string) => string[],
): Promise<MongoHandle> {
  const port = await getFreePort();
  const dir = makeTempDir(kind);
  const uri = `mongodb://${LOOPBACK}:${port}/`;
  const { process: server, ready: backend } = await ManagedProcess.start(
    { name: `${kind} :${port}`, command, args: args(port, dir), env: ctx.env, tempDirs: [dir] },
    () => pingMongo(uri, 1000),
    ctx.timeoutMs,
  );
  ctx.log(`${kind} (pid ${server.pid}) answers at ${uri}`);
  return { uri, kind, backend, stop: () => server.stop() };
}

async function startMemoryServer(ctx: Context): Promise<MongoHandle> {
  const server = await ctx.memoryServerFactory();
  try {
    const uri = server.getUri();
    const backend = await pollUntil(() => pingMongo(uri), ctx.timeoutMs);
    return { uri, kind: 'mongodb-memory-server', backend, stop: async () => void (await server.stop()) };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/** MongoMemoryServer in a temp dir of ours (it leaves its own behind when the download fails). */
async function createMemoryServer(): Promise<MemoryServerLike> {
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const dbPath = makeTempDir('mongodb-memory-server');
  try {
    const server = await MongoMemoryServer.create({ instance: { dbPath, ip: LOOPBACK } });
    const stop = async (): Promise<void> => {
      await server.stop();
      removeDir(dbPath);
    };
    return { getUri: () => server.getUri(), stop };
  } catch (error) {
    removeDir(dbPath);
    throw error;
  }
}
