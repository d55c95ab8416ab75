import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo } from 'node:net';

/** An HTTP server of a fake, listening on a free loopback port, and its origin (`http://127.0.0.1:40123`). */
export async function listenOnLoopback(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Closes every connection (also ones held open by an injected delay), then the listener. */
export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/**
 * A fake HTTP service of another party (GitHub, an LLM API) on a free loopback port: the listener's lifecycle
 * and the delays it injects, so `stop()` also ends requests held by a delay. Subclasses answer in `handle`.
 */
export abstract class LoopbackFake {
  private server?: Server;
  private origin?: string;
  private readonly timers = new Set<NodeJS.Timeout>();

  protected abstract handle(req: IncomingMessage, res: ServerResponse): Promise<void>;

  /** Listens on a free loopback port. */
  async start(): Promise<this> {
    if (this.server) return this;
    const { server, url } = await listenOnLoopback((req, res) => void this.handle(req, res));
    this.server = server;
    this.origin = url;
    return this;
  }

  /** Closes every connection (also ones held by an injected delay) and the listener. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    await closeServer(server);
  }

  /** Origin of the server, e.g. `http://127.0.0.1:40123` (GitHub's `baseUrl`, an LLM's base URL). */
  get url(): string {
    if (!this.origin) throw new Error(`${this.constructor.name}: start() it first`);
    return this.origin;
  }

  /** Waits `ms`; resolves true when the client went away meanwhile. */
  protected wait(ms: number, res: ServerResponse): Promise<boolean> {
    return new Promise((resolve) => {
      const onClose = (): void => {
        clearTimeout(timer);
        this.timers.delete(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        res.off('close', onClose);
        resolve(res.destroyed);
      }, ms);
      this.timers.add(timer);
      res.once('close', onClose);
    });
  }
}
