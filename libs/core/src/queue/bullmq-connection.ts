import { type ConnectionOptions } from 'bullmq';

/** BullMQ (ioredis) connection options from a `redis://` or `rediss://` URL. */
export function bullmqConnectionFrom(redisUrl: string): ConnectionOptions {
  const url = new URL(redisUrl);
  const db = url.pathname.replace('/', '');
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ workers block on Redis; they must not give up on a command while Redis restarts.
    maxRetriesPerRequest: null,
  };
}

/** Queue names shared by the API (producer) and the worker (consumer). */
export const QUEUES = { generation: 'generation' } as const;

/**
 * BullMQ's key prefix: the deployment's Redis prefix and its database, so deployments (and test apps, which
 * share a Redis prefix but each have a database of their own) never consume each other's jobs, while the API
 * and the workers of one deployment share their queues.
 */
export function bullmqPrefix(config: { redis: { keyPrefix: string }; mongo: { dbName: string } }): string {
  return `${config.redis.keyPrefix}:${config.mongo.dbName}:bull`;
}
