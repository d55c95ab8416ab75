// Redis for tests and the local run: REDIS_URL when given, else a throwaway `redis-server` (no persistence)
// on a free loopback port. RedisServer can also be stopped and restarted on the same port mid-test.
import { createClient } from '@redis/client';
import { getFreePort, LOOPBACK } from './free-port';
import {
  errorMessage,
  findExecutable,
  makeTempDir,
  ManagedProcess,
  noopLog,
  pollUntil,
  redactUri,
  type Env,
  type Log,
} from './process';

export type RedisKind = 'external' | 'redis-server';

export interface RedisHandle {
  url: string;
  kind: RedisKind;
  /** Stops what we started (nothing for 'external') and removes its temp dir. */
  stop(): Promise<void>;
}

export interface RedisServerOptions {
  /** Port to use; a free one when omitted. It stays the same across stop()/start(). */
  port?: number;
  /** PATH for finding redis-server, and the server's environment (default process.env). */
  env?: Env;
  log?: Log;
  /** How long redis-server may take to answer PING (default 15 s). */
  startTimeoutMs?: number;
}

export interface ProvisionRedisOptions {
  /** Read for REDIS_URL and PATH (default process.env). */
  env?: Env;
  log?: Log;
  startTimeoutMs?: number;
}

/** Connects once and expects PONG. */
export async function pingRedis(url: string, timeoutMs = 1000): Promise<void> {
  const client = createClient({ url, socket: { connectTimeout: timeoutMs, reconnectStrategy: false } });
  client.on('error', () => undefined); // failures surface through connect()/ping()
  try {
    await client.connect();
    const reply = await client.ping();
    if (reply !== 'PONG') throw new Error(`PING answered ${String(reply)}`);
  } finally {
    if (client.isOpen) client.destroy();
  }
}

/** A local redis-server we own: start(), stop(), and start() again on the same port. */
export class RedisServer {
  private process?: ManagedProcess;

  private constructor(
    readonly port: number,
    private readonly options: RedisServerOptions,
  ) {}

  /** Creates the handle and starts the server. */
  static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
    const server = new RedisServer(options.port ?? (await getFreePort()), options);
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://${LOOPBACK}:${this.port}`;
  }

  get running(): boolean {
    return this.process?.running ?? false;
  }

  /** Starts (or restarts) the server on this.port with an empty data set; no-op when running. */
  async start(): Promise<void> {
    if (this.running) return;
    const env = this.options.env ?? process.env;
    const command = findExecutable('redis-server', env);
    if (!command) throw new Error('redis-server not found on PATH (Debian: apt-get install redis-server)');
    const dir = makeTempDir('redis');
    const args = [
      '--save',
      '',
      '--appendonly',
      'no',
      '--port',
      String(this.port),
      '--bind',
      LOOPBACK,
      '--dir',
      dir,
    ];
    const started = await ManagedProcess.start(
      { name: `redis-server :${this.port}`, command, args, env, tempDirs: [dir] },
      () => pingRedis(this.url),
      this.options.startTimeoutMs ?? 15_000,
    );
    this.process = started.process;
    (this.options.log ?? noopLog)(`redis-server (pid ${this.process.pid}) answers at ${this.url}`);
  }

  /** Stops the server (the port closes) and removes its temp dir; start() may follow. */
  async stop(): Promise<void> {
    await this.process?.stop();
    this.process = undefined;
  }
}

export async function provisionRedis(options: ProvisionRedisOptions = {}): Promise<RedisHandle> {
  const env = options.env ?? process.env;
  const timeoutMs = options.startTimeoutMs ?? 15_000;
  const external = env.REDIS_URL;
  if (external) {
    try {
      await pollUntil(() => pingRedis(external), timeoutMs);
    } catch (error) {
      throw new Error(`REDIS_URL (${redactUri(external)}) ${errorMessage(error)}`);
    }
    return { url: external, kind: 'external', stop: async () => undefined };
  }
  const server = await RedisServer.start({ env, log: options.log, startTimeoutMs: timeoutMs });
  return { url: server.url, kind: 'redis-server', stop: () => server.stop() };
}
