// Starts MongoDB and Redis together for the test suite's globalSetup and the local run (services.cli.ts).
import {
  provisionMongo,
  type MongoBackend,
  type MongoKind,
  type ProvisionMongoOptions,
} from './mongo.provisioner';
import { redactUri } from './process';
import { provisionRedis, type RedisKind } from './redis.provisioner';

export type StartServicesOptions = ProvisionMongoOptions;

export interface Services {
  mongo: { uri: string; kind: MongoKind; backend: MongoBackend };
  redis: { url: string; kind: RedisKind };
  /** Stops everything that was started here; safe to call more than once. */
  stop(): Promise<void>;
}

/** Provisions both in parallel; if either fails, stops the other and throws. */
export async function startServices(options: StartServicesOptions): Promise<Services> {
  const [mongo, redis] = await Promise.allSettled([provisionMongo(options), provisionRedis(options)]);
  if (mongo.status === 'fulfilled' && redis.status === 'fulfilled') {
    const { uri, kind, backend } = mongo.value;
    return {
      mongo: { uri, kind, backend },
      redis: { url: redis.value.url, kind: redis.value.kind },
      stop: async () => void (await Promise.all([mongo.value.stop(), redis.value.stop()])),
    };
  }
  await Promise.all(
    [mongo, redis].map((result) => (result.status === 'fulfilled' ? result.value.stop() : null)),
  );
  const reasons = [mongo, redis].flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
  if (reasons.length === 1) throw reasons[0];
  throw new Error(
    reasons.map((reason) => (reason instanceof Error ? reason.message : String(reason))).join('\n'),
  );
}

/** One line for humans: which MongoDB backend and which Redis are in use. */
export function describeServices({ mongo, redis }: Pick<Services, 'mongo' | 'redis'>): string {
  return (
    `services: MongoDB backend ${mongo.backend} (${mongo.kind}) at ${redactUri(mongo.uri)}; ` +
    `Redis (${redis.kind}) at ${redactUri(redis.url)}`
  );
}
