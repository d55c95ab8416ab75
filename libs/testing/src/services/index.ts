// Service provisioning (MongoDB, Redis) for tests and the local run; no Nest dependency.
export { ensureFerretdbBinary, ferretdbBinaryPath, type FerretdbBinaryOptions } from './ferretdb-binary';
export { getFreePort, isPortOpen, LOOPBACK } from './free-port';
export {
  MongoProvisionError,
  pingMongo,
  provisionMongo,
  type MemoryServerLike,
  type MongoAttempt,
  type MongoBackend,
  type MongoHandle,
  type MongoKind,
  type ProvisionMongoOptions,
} from './mongo.provisioner';
export {
  findExecutable,
  ManagedProcess,
  onParentExit,
  redactUri,
  type Env,
  type ExitInfo,
  type Log,
  type SpawnOptions,
} from './process';
export {
  pingRedis,
  provisionRedis,
  RedisServer,
  type ProvisionRedisOptions,
  type RedisHandle,
  type RedisKind,
  type RedisServerOptions,
} from './redis.provisioner';
export { findRepoRoot } from './repo-root';
export { describeServices, startServices, type Services, type StartServicesOptions } from './services';
