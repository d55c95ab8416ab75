/**
 * deploy/nginx.conf: `nginx -t` accepts the committed file unmodified, and a live nginx running it in front
 * of a fake API behaves as intended (headers, request ids, rate limits, body limits, SSE, gzip).
 *
 * The upstream host: the config reaches the API through a variable (`set $api_upstream http://api:3000`)
 * resolved per request by Docker's DNS, so `nginx -t` never resolves `api` and passes on any machine. The
 * live run uses a temp copy in which only the listen address, that upstream URL and the body/proxy temp
 * directories are replaced (each replacement must match exactly once, so the test breaks if they change).
 *
 * Needs Debian/Ubuntu nginx (`apt-get install nginx`; CI installs it). Without it the suite is skipped
 * with a message. All paths nginx writes (prefix, pid, temp files) are in a temp directory; as a non-root
 * user nginx's compiled-in temp directories (/var/lib/nginx/*) must already exist (CI creates them).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CONFIG = join(__dirname, '..', '..', 'deploy', 'nginx.conf');
const NGINX = [process.env.NGINX_BIN, '/usr/sbin/nginx', '/usr/bin/nginx'].find(
  (candidate): candidate is string => !!candidate && existsSync(candidate),
);
if (!NGINX) console.warn('nginx-config spec skipped: nginx is not installed (apt-get install nginx)');

const GENERATED_ID = /^[0-9a-f]{32}$/;

interface Reply {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
      path,
      method: options.method ?? 'GET',
      headers: options.headers,
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}:\n${stderr()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => resolve(!!socket.end()));
      socket.on('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nginx did not listen on ${port}:\n${stderr()}`);
}

interface RunningNginx {
  stop(): Promise<void>;
}

/** Runs `config` in the foreground with everything it writes under `dir`; resolves once `port` accepts. */
async function startNginx(dir: string, config: string, port: number): Promise<RunningNginx> {
  chmodSync(dir, 0o755); // when run as root, the workers (nobody) write request bodies below it
  writeFileSync(join(dir, 'nginx.conf'), config);
  const args = [
    '-p',
    `${dir}/`,
    '-e',
    'stderr',
    '-g',
    `daemon off; pid ${dir}/nginx.pid;`,
    '-c',
    `${dir}/nginx.conf`,
  ];
  const child = spawn(NGINX!, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitForPort(port, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}

/** Replaces `from` in `text`, asserting it occurs exactly once. */
function replaceOnce(text: string, from: string, to: string): string {
  expect(text.split(from).length - 1, `occurrences of "${from}" in nginx.conf`).toBe(1);
  return text.replace(from, () => to);
}

describe.skipIf(!NGINX)('deploy/nginx.conf', () => {
  it('passes `nginx -t` unmodified (upstream `api` is not resolved at config time)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nginx-t-'));
    try {
      const result = spawnSync(
        NGINX!,
        ['-t', '-q', '-p', `${dir}/`, '-e', 'stderr', '-g', `pid ${dir}/nginx.pid;`, '-c', CONFIG],
        // stdout is /dev/null: the config logs to /dev/stdout, which cannot be opened on a socket (libuv's pipes).
        { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] },
      );
      expect(result.status, result.stderr).toBe(0);
      expect(result.stderr).not.toMatch(/\[(warn|emerg|alert|crit)\]/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives generation requests long timeouts and no buffering (SSE), and uploads a bigger body limit', () => {
    const config = readFileSync(CONFIG, 'utf8');
    const block = (location: string): string => {
      const start = config.indexOf(`location ${location} {`);
      expect(start, `location ${location}`).toBeGreaterThan(-1);
      return config.slice(start, config.indexOf('}', start));
    };
    const seconds = (text: string, directive: string): number =>
      Number(new RegExp(`^\\s*${directive} (\\d+)s;`, 'm').exec(text)?.[1] ?? 0);
    const generations = block('/api/v1/generations');
    expect(generations).toMatch(/^\s*proxy_buffering off;/m);
    expect(seconds(generations, 'proxy_read_timeout')).toBeGreaterThanOrEqual(600);
    expect(seconds(generations, 'send_timeout')).toBeGreaterThanOrEqual(600);
    expect(seconds(config, 'proxy_read_timeout')).toBeLessThanOrEqual(120); // the default stays short
    expect(block('/api/v1/evidence')).toMatch(/^\s*client_max_body_size 25m;/m);
    for (const health of ['= /health', '= /health/ready']) expect(block(health)).not.toMatch(/limit_req/);
    expect(config).toMatch(/^\s*limit_req_status 429;/m);
  });

  describe('live, in front of a fake API', () => {
    let dir: string;
    let port: number;
    let upstream: Server;
    let nginx: RunningNginx | undefined;
    const seen: { method: string; url: string; headers: IncomingHttpHeaders; bytes: number }[] = [];
    const lastSeen = (url: string) => [...seen].reverse().find((r) => r.url === url);

    beforeAll(async () => {
      upstream = createServer((req, res) => {
        let bytes = 0;
        req.on('data', (chunk: Buffer) => (bytes += chunk.length));
        req.on('end', () => {
          seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, bytes });
          if (req.url === '/api/v1/generations/g1/events') {
            // One event, then the stream stays open: the event must reach the client mid-response.
            res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
            res.write('event: progress\ndata: {"step":1}\n\n');
            return;
          }
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (req.url === '/docs') headers['content-security-policy'] = "default-src 'self'";
          if (req.url === '/api/v1/own-headers') headers['x-content-type-options'] = 'nosniff';
          if (req.url === '/api/v1/large') {
            res
              .writeHead(200, headers)
              .end(JSON.stringify({ items: Array.from({ length: 500 }, (_, i) => ({ i })) }));
            return;
          }
          res.writeHead(req.method === 'POST' ? 202 : 200, headers).end(JSON.stringify({ ok: true, bytes }));
        });
      });
      await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
      const upstreamPort = (upstream.address() as AddressInfo).port;

      dir = mkdtempSync(join(tmpdir(), 'nginx-live-'));
      port = await freePort();
      let config = readFileSync(CONFIG, 'utf8');
      config = replaceOnce(config, 'listen 8080 default_server;', `listen 127.0.0.1:${port} default_server;`);
      config = replaceOnce(
        config,
        'set $api_upstream http://api:3000;',
        `set $api_upstream http://127.0.0.1:${upstreamPort};`,
      );
      config = replaceOnce(
        config,
        'http {\n',
        `http {\n    client_body_temp_path ${dir}/body;\n    proxy_temp_path ${dir}/proxy;\n`,
      );
      nginx = await startNginx(dir, config, port);
    });

    afterAll(async () => {
      await nginx?.stop();
      await new Promise((resolve) => upstream?.close(resolve));
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('routes /health to the api, never rate limited', async () => {
      const replies = await Promise.all(Array.from({ length: 80 }, () => send(port, '/health')));
      expect(replies.map((r) => r.status)).toEqual(replies.map(() => 200));
      expect(JSON.parse(replies[0].body.toString())).toEqual({ ok: true, bytes: 0 });
      expect((await send(port, '/health/ready')).status).toBe(200);
      expect(lastSeen('/health/ready')).toBeDefined();
    });

    it('adds security headers the api did not send, without duplicating the ones it did', async () => {
      const reply = await send(port, '/api/v1/things');
      expect(reply.status).toBe(200);
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['x-frame-options']).toBe('DENY');
      expect(reply.headers['referrer-policy']).toBe('no-referrer');
      expect(reply.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
      expect(reply.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(reply.headers.server).toBe('nginx');

      const own = await send(port, '/api/v1/own-headers');
      expect(own.headers['x-content-type-options']).toBe('nosniff'); // a duplicate would read "nosniff, nosniff"
      const docs = await send(port, '/docs');
      expect(docs.headers['content-security-policy']).toBe("default-src 'self'");
    });

    it('forwards a well-formed X-Request-Id, replaces a malformed one, and sets X-Forwarded-*', async () => {
      const reply = await send(port, '/api/v1/with-id', {
        headers: {
          'x-request-id': 'client-id:42',
          'x-forwarded-for': '203.0.113.9',
          host: 'api.example.test',
        },
      });
      expect(reply.status).toBe(200);
      const forwarded = lastSeen('/api/v1/with-id')!.headers;
      expect(forwarded['x-request-id']).toBe('client-id:42');
      expect(reply.headers['x-request-id']).toBe('client-id:42');
      // A client talking to nginx directly cannot spoof its address.
      expect(forwarded['x-forwarded-for']).toBe('127.0.0.1');
      expect(forwarded['x-real-ip']).toBe('127.0.0.1');
      expect(forwarded['x-forwarded-proto']).toBe('http');
      expect(forwarded['x-forwarded-host']).toBe('api.example.test');
      expect(forwarded.host).toBe('api.example.test');

      await send(port, '/api/v1/bad-id', { headers: { 'x-request-id': 'x'.repeat(129) } });
      expect(lastSeen('/api/v1/bad-id')!.headers['x-request-id']).toMatch(GENERATED_ID);
      await send(port, '/api/v1/no-id');
      expect(lastSeen('/api/v1/no-id')!.headers['x-request-id']).toMatch(GENERATED_ID);
    });

    it('limits generation POSTs per client with a 429 problem, but not reads of generations', async () => {
      const statuses: number[] = [];
      let limited: Reply | undefined;
      for (let i = 0; i < 10; i += 1) {
        const reply = await send(port, '/api/v1/generations', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': `gen-${i}` },
          body: Buffer.from('{}'),
        });
        statuses.push(reply.status);
        if (reply.status === 429) limited ??= reply;
      }
      // rate=10r/m, burst=5, nodelay: the first 6 pass at once, the rest are refused.
      expect(statuses).toEqual([202, 202, 202, 202, 202, 202, 429, 429, 429, 429]);
      expect(limited!.headers['content-type']).toBe('application/problem+json');
      expect(limited!.headers['retry-after']).toBe('10');
      expect(limited!.headers['x-content-type-options']).toBe('nosniff');
      expect(limited!.headers['x-request-id']).toBe('gen-6');
      expect(JSON.parse(limited!.body.toString())).toMatchObject({
        status: 429,
        code: 'too_many_requests',
        requestId: 'gen-6',
      });

      const reads = await Promise.all(Array.from({ length: 10 }, () => send(port, '/api/v1/generations')));
      expect(reads.map((r) => r.status)).toEqual(reads.map(() => 200));
    });

    it('limits API key management strictly', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 14; i += 1) statuses.push((await send(port, '/api/v1/keys')).status);
      // rate=10r/m, burst=10: 11 pass, then 429.
      expect(statuses.slice(0, 11)).toEqual(Array.from({ length: 11 }, () => 200));
      expect(statuses.slice(11)).toEqual([429, 429, 429]);
    });

    it('streams generation progress (SSE) unbuffered', async () => {
      const first = await new Promise<{ headers: IncomingHttpHeaders; chunk: string }>((resolve, reject) => {
        const req = request({
          host: '127.0.0.1',
          port,
          path: '/api/v1/generations/g1/events',
          headers: { 'accept-encoding': 'gzip' }, // gzip would hold events back
        });
        const timer = setTimeout(() => {
          req.destroy();
          reject(new Error('no SSE event within 3s: the response is being buffered'));
        }, 3_000);
        req.on('response', (res) => {
          res.once('data', (chunk: Buffer) => {
            clearTimeout(timer);
            resolve({ headers: res.headers, chunk: chunk.toString() });
            req.destroy();
          });
        });
        req.on('error', reject); // no effect once settled
        req.end();
      });
      expect(first.headers['content-type']).toBe('text/event-stream');
      expect(first.headers['content-encoding']).toBeUndefined();
      expect(first.chunk).toBe('event: progress\ndata: {"step":1}\n\n');
    });

    it('accepts 2 MB bodies for evidence uploads only; elsewhere 413 as a problem', async () => {
      const body = Buffer.alloc(2 * 1024 * 1024, 'a');
      const headers = { 'content-type': 'application/octet-stream' };
      const upload = await send(port, '/api/v1/evidence', { method: 'POST', headers, body });
      expect(upload.status).toBe(202);
      expect(lastSeen('/api/v1/evidence')!.bytes).toBe(body.length);

      const elsewhere = await send(port, '/api/v1/resumes', { method: 'POST', headers, body });
      expect(elsewhere.status).toBe(413);
      expect(elsewhere.headers['content-type']).toBe('application/problem+json');
      expect(JSON.parse(elsewhere.body.toString())).toMatchObject({ status: 413, code: 'payload_too_large' });
      expect(lastSeen('/api/v1/resumes')).toBeUndefined();
    });

    it('gzips JSON for clients that accept it', async () => {
      const reply = await send(port, '/api/v1/large', { headers: { 'accept-encoding': 'gzip' } });
      expect(reply.headers['content-encoding']).toBe('gzip');
      expect(reply.headers.vary).toMatch(/Accept-Encoding/);
      expect(JSON.parse(gunzipSync(reply.body).toString()).items).toHaveLength(500);
    });

    it('answers 503 with a problem when the api is unreachable', async () => {
      const deadDir = mkdtempSync(join(tmpdir(), 'nginx-dead-'));
      const [deadPort, closedPort] = [await freePort(), await freePort()];
      const config = readFileSync(join(dir, 'nginx.conf'), 'utf8')
        .replace(`listen 127.0.0.1:${port} `, `listen 127.0.0.1:${deadPort} `)
        .replace(
          /set \$api_upstream http:\/\/127\.0\.0\.1:\d+;/,
          `set $api_upstream http://127.0.0.1:${closedPort};`,
        )
        .replaceAll(`${dir}/`, `${deadDir}/`);
      const proxy = await startNginx(deadDir, config, deadPort);
      try {
        const reply = await send(deadPort, '/api/v1/anything', { headers: { 'x-request-id': 'down-1' } });
        expect(reply.status).toBe(503);
        expect(reply.headers['content-type']).toBe('application/problem+json');
        expect(reply.headers['retry-after']).toBe('5');
        expect(JSON.parse(reply.body.toString())).toMatchObject({
          status: 503,
          code: 'service_unavailable',
          requestId: 'down-1',
        });
      } finally {
        await proxy.stop();
        rmSync(deadDir, { recursive: true, force: true });
      }
    });
  });
});
