import { describe, expect, it } from 'vitest';

import { ConfigValidationError, loadConfig } from './app-config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return [...error.problems];
    throw error;
  }
  throw new Error('expected loadConfig to reject');
}

describe('loadConfig', () => {
  it('gives a complete local default in development, with docs on and debug logs', () => {
    const config = loadConfig({});
    expect(config.profile).toBe('development');
    expect(config.mongo.uri).toBe('mongodb://127.0.0.1:27017');
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.http).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      bodyLimitBytes: 1048576,
      trustProxy: false,
    });
    expect(config.log.level).toBe('debug');
    expect([...config.features].sort()).toEqual(['docs', 'healthDetails', 'rateLimit']);
  });

  it('requires the service URLs in production instead of guessing them', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual([
      'CORS_ORIGINS is required when NODE_ENV=production',
      'MONGODB_URI is required when NODE_ENV=production',
      'REDIS_URL is required when NODE_ENV=production',
    ]);
    const config = loadConfig({
      NODE_ENV: 'production',
      MONGODB_URI: 'mongodb+srv://db.example.com',
      REDIS_URL: 'rediss://cache.example.com:6380',
      CORS_ORIGINS: 'https://app.example.com',
    });
    expect(config.http.host).toBe('0.0.0.0');
    expect(config.log.level).toBe('info');
  });

  it('names every bad variable at once, with the value it got', () => {
    const problems = problemsOf({
      PORT: '70000',
      BODY_LIMIT_BYTES: 'lots',
      TRUST_PROXY: 'maybe',
      MONGODB_URI: 'postgres://x',
      REDIS_URL: 'not a url',
      LOG_LEVEL: 'loud',
      MONGODB_DB: 'bad name!',
      CORS_ORIGINS: 'app.example.com',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'PORT must be an integer between 0 and 65535 (got "70000")',
        'BODY_LIMIT_BYTES must be an integer between 1024 and 104857600 (got "lots")',
        'TRUST_PROXY must be true or false (got "maybe")',
        'MONGODB_URI must be a mongodb:// or mongodb+srv:// URL with a host (got "postgres://x")',
        'REDIS_URL must be a redis:// or rediss:// URL with a host (got "not a url")',
        'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")',
        'MONGODB_DB must be 1-63 letters, digits, "_" or "-" (got "bad name!")',
        'CORS_ORIGINS entries must be origins like https://app.example.com (got "app.example.com")',
      ]),
    );
    expect(problems).toHaveLength(8);
  });

  it('accepts replica-set and SRV MongoDB URIs, and rejects URLs without a host', () => {
    const ok = loadConfig({
      MONGODB_URI: 'mongodb://app:s3cret@db1:27017,db2:27017,[::1]:27018/?replicaSet=rs0&authSource=admin',
      REDIS_URL: 'rediss://:pw@cache.internal:6380/2',
    });
    expect(ok.mongo.uri).toContain('replicaSet=rs0');
    expect(
      problemsOf({ MONGODB_URI: 'mongodb://', REDIS_URL: 'redis://', HOST: 'not a host!' }).sort(),
    ).toEqual([
      'HOST must be an IP address or a host name (got "not a host!")',
      'MONGODB_URI must be a mongodb:// or mongodb+srv:// URL with a host (got "mongodb://")',
      'REDIS_URL must be a redis:// or rediss:// URL with a host (got "redis://")',
    ]);
    // The password never reaches the message.
    expect(problemsOf({ MONGODB_URI: 'mongodb://app:hunter2@/db' })[0]).toContain('app:***@');
  });

  it('requires at least one real CORS origin in production', () => {
    const env = { NODE_ENV: 'production', MONGODB_URI: 'mongodb://db', REDIS_URL: 'redis://cache' };
    expect(problemsOf({ ...env, CORS_ORIGINS: ' , ' })).toEqual([
      'CORS_ORIGINS must list at least one origin when NODE_ENV=production',
    ]);
  });

  it('rejects an unknown profile before anything else', () => {
    expect(problemsOf({ NODE_ENV: 'prod' })).toEqual([
      'NODE_ENV must be one of development, test, staging, production (got "prod")',
    ]);
  });

  it('does not allow a wildcard CORS origin in staging or production', () => {
    const env = { MONGODB_URI: 'mongodb://db', REDIS_URL: 'redis://cache', CORS_ORIGINS: '*' };
    expect(problemsOf({ ...env, NODE_ENV: 'staging' })).toEqual([
      'CORS_ORIGINS may not contain "*" when NODE_ENV=staging',
    ]);
    expect(loadConfig({ ...env, NODE_ENV: 'development' }).http.corsOrigins).toEqual(['*']);
  });

  it('switches feature flags on and off, and rejects unknown ones', () => {
    expect([...loadConfig({ FEATURE_FLAGS: '-docs' }).features]).toEqual(['healthDetails', 'rateLimit']);
    expect(problemsOf({ FEATURE_FLAGS: 'docs,warpDrive' })).toEqual([
      'FEATURE_FLAGS names an unknown flag "warpDrive" (known: docs, healthDetails, rateLimit)',
    ]);
  });

  it('returns a frozen object', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config.http)).toBe(true);
    expect(() => ((config.http as { port: number }).port = 1)).toThrow(TypeError);
  });
});
