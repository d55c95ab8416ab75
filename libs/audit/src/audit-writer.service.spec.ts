/**
 * The writer against the run's real MongoDB-compatible server, through a TCP proxy the test can take down
 * and bring back: that is how a failing flush (and the database's recovery) is produced, with the real
 * repository and driver, nothing mocked.
 */
import { type AddressInfo, type Server, type Socket, connect, createServer } from 'node:net';

import { MongooseModule } from '@nestjs/mongoose';
import { Test, type TestingModule } from '@nestjs/testing';
import mongoose, { type Connection } from 'mongoose';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CoreConfigModule, loadConfig } from '@app/core';
import { LogCapture } from '@app/testing/e2e/log-capture';
import { testEnv } from '@app/testing/e2e/test-app';

import { AuditEntry, AuditEntrySchema } from './audit-entry.schema';
import { type AuditEntryInput, AuditLogRepository } from './audit-log.repository';
import { AuditWriterService } from './audit-writer.service';

/** Forwards TCP connections to the database; `stop()` cuts every connection, `start()` accepts again. */
class TcpProxy {
  port = 0;
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) =>
      server.once('error', reject).listen(this.port, '127.0.0.1', resolve),
    );
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

interface Harness {
  moduleRef: TestingModule;
  writer: AuditWriterService;
  logs: LogCapture;
}

// nestjs-pino keeps the first logger it is given for the whole process, so every writer here shares one.
const logs = new LogCapture();
const logger = pino({ level: 'debug' }, logs);

let env: Record<string, string>;
let proxy: TcpProxy;
let direct: Connection;
let harness: Harness | undefined;

beforeAll(async () => {
  env = testEnv();
  const target = new URL(env.MONGODB_URI);
  proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 27017) });
  await proxy.start();
  direct = await mongoose.createConnection(env.MONGODB_URI, { dbName: env.MONGODB_DB }).asPromise();
});

afterAll(async () => {
  await direct.dropDatabase();
  await direct.close();
  await proxy.stop();
});

beforeEach(async () => {
  logs.lines.length = 0;
  await direct.collection('audit_log').deleteMany({});
});

afterEach(async () => {
  await proxy.start(); // back up if a test left it down
  await harness?.moduleRef.close();
  harness = undefined;
});

/** A writer with the real repository, connected through the proxy. */
async function startWriter(audit: {
  batchSize: number;
  flushIntervalMs: number;
  shutdownTimeoutMs?: number;
}) {
  const config = loadConfig({
    ...env,
    AUDIT_BATCH_SIZE: String(audit.batchSize),
    AUDIT_FLUSH_INTERVAL_MS: String(audit.flushIntervalMs),
    SHUTDOWN_TIMEOUT_MS: String(audit.shutdownTimeoutMs ?? 10_000),
  });
  const moduleRef = await Test.createTestingModule({
    imports: [
      CoreConfigModule.forRoot(config),
      LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true }),
      MongooseModule.forRoot(`mongodb://127.0.0.1:${proxy.port}/`, {
        dbName: config.mongo.dbName,
        serverSelectionTimeoutMS: 400,
        heartbeatFrequencyMS: 500,
        // Fail fast while the proxy is down instead of queueing in mongoose for 10 s.
        bufferCommands: false,
      }),
      MongooseModule.forFeature([{ name: AuditEntry.name, schema: AuditEntrySchema }]),
    ],
    providers: [AuditLogRepository, AuditWriterService],
  }).compile();
  await moduleRef.init();
  harness = { moduleRef, writer: moduleRef.get(AuditWriterService), logs };
  return harness;
}

function entry(requestId: string): AuditEntryInput {
  return {
    actor: { userId: 'u1', keyPrefix: 'llm_test_00000000', role: 'user' },
    action: 'POST /api/v1/things',
    resource: { type: 'thing' },
    requestId,
    ip: '127.0.0.1',
    method: 'POST',
    route: '/api/v1/things',
    path: '/api/v1/things',
    status: 201,
    durationMs: 3,
    changes: { fields: [{ field: 'name', value: 'x' }], truncated: false },
    createdAt: new Date(),
  };
}

async function storedRequestIds(): Promise<string[]> {
  const docs = await direct
    .collection('audit_log')
    .find({}, { sort: { _id: 1 } })
    .toArray();
  return docs.map((doc) => doc.requestId as string);
}

async function eventually(check: () => Promise<void> | void, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('AuditWriterService', () => {
  it('writes a batch as soon as batchSize entries are waiting', async () => {
    const { writer } = await startWriter({ batchSize: 3, flushIntervalMs: 60_000 });
    writer.record(entry('a'));
    writer.record(entry('b'));
    await sleep(200);
    expect(await storedRequestIds()).toEqual([]);
    expect(writer.pending).toBe(2);
    writer.record(entry('c'));
    await eventually(async () => expect(await storedRequestIds()).toEqual(['a', 'b', 'c']));
    expect(writer.pending).toBe(0);
  });

  it('writes whatever is waiting every flushIntervalMs', async () => {
    const { writer } = await startWriter({ batchSize: 100, flushIntervalMs: 30 });
    writer.record(entry('a'));
    writer.record(entry('b'));
    await eventually(async () => expect(await storedRequestIds()).toEqual(['a', 'b']));
  });

  it('keeps the entries of a failed flush, logs it, and writes them exactly once when the database is back', async () => {
    const { writer, logs } = await startWriter({ batchSize: 100, flushIntervalMs: 30 });
    await proxy.stop();
    expect(() => ['a', 'b', 'c'].forEach((id) => writer.record(entry(id)))).not.toThrow();
    await eventually(() =>
      expect(
        logs.lines.some((l) => l.msg === 'audit: writing entries failed; keeping them and retrying'),
      ).toBe(true),
    );
    expect(writer.pending).toBe(3);
    expect(await storedRequestIds()).toEqual([]);

    await proxy.start();
    await eventually(async () => expect(await storedRequestIds()).toEqual(['a', 'b', 'c']));
    await eventually(() =>
      expect(logs.lines.some((l) => l.msg === 'audit: writing entries recovered')).toBe(true),
    );
    expect(writer.pending).toBe(0);
    const failure = logs.lines.find(
      (l) => l.msg === 'audit: writing entries failed; keeping them and retrying',
    );
    expect(failure).toMatchObject({ level: 40, attempt: 1, buffered: 3 });
  });

  it('bounds the buffer at 10 batches, dropping the oldest entries with a warning', async () => {
    const { writer, logs } = await startWriter({ batchSize: 2, flushIntervalMs: 30 });
    await proxy.stop();
    const ids = Array.from({ length: 25 }, (_, i) => `r${i}`);
    for (const id of ids) writer.record(entry(id));
    await eventually(() => expect(writer.pending).toBe(20));
    const dropped = logs.lines.filter((l) => l.msg === 'audit: buffer full; dropped the oldest entries');
    expect(dropped.length).toBeGreaterThan(0);
    expect(dropped[0]).toMatchObject({ level: 40, bufferLimit: 20 });

    await proxy.start();
    await eventually(async () => expect(await storedRequestIds()).toEqual(ids.slice(5)));
  });

  it('writes what is still buffered when the application shuts down', async () => {
    const { moduleRef, writer } = await startWriter({ batchSize: 100, flushIntervalMs: 60_000 });
    for (const id of ['a', 'b', 'c', 'd', 'e']) writer.record(entry(id));
    await sleep(100);
    expect(await storedRequestIds()).toEqual([]);
    await moduleRef.close();
    harness = undefined;
    expect(await storedRequestIds()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('gives up at shutdown within its budget when the database is down, and says how many were lost', async () => {
    const { moduleRef, writer, logs } = await startWriter({
      batchSize: 100,
      flushIntervalMs: 60_000,
      shutdownTimeoutMs: 1_000,
    });
    await proxy.stop();
    writer.record(entry('a'));
    writer.record(entry('b'));
    const started = Date.now();
    await moduleRef.close();
    harness = undefined;
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(
      logs.lines.find((l) => l.msg === 'audit: entries could not be written before shutdown'),
    ).toMatchObject({
      level: 50,
      lost: 2,
    });
  });
});
