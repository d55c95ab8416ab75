/**
 * The one validated configuration object. `loadConfig(env)` is the only code that reads environment
 * variables; everything else receives an `AppConfig`. A wrong or missing variable throws a
 * `ConfigValidationError` that names every offending variable, and boot stops there.
 */
import { type FeatureFlag, parseFeatureFlags } from './feature-flags';

export const PROFILES = ['development', 'test', 'staging', 'production'] as const;
export type Profile = (typeof PROFILES)[number];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface AppConfig {
  readonly profile: Profile;
  /** Service version reported by health: APP_VERSION (set by the image build), else the package version. */
  readonly version: string;
  /** Email of the first admin that `create-admin --if-none` creates when no --email is given. */
  readonly bootstrapAdminEmail: string | undefined;
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly bodyLimitBytes: number;
    readonly corsOrigins: readonly string[];
    readonly trustProxy: boolean;
    readonly shutdownTimeoutMs: number;
  };
  readonly mongo: {
    readonly uri: string;
    readonly dbName: string;
    readonly serverSelectionTimeoutMs: number;
  };
  readonly redis: { readonly url: string; readonly keyPrefix: string };
  readonly log: { readonly level: LogLevel; readonly dir: string | undefined };
  readonly health: { readonly checkTimeoutMs: number };
  readonly auth: {
    /** How long a verified key is remembered in-process (revocation also evicts it at once, across instances). */
    readonly cacheTtlMs: number;
    /** How often `lastUsedAt` updates are written, batched (no write per request). */
    readonly lastUsedFlushMs: number;
  };
  readonly rateLimit: {
    /** Length of one rate-limit window. */
    readonly windowSeconds: number;
    /** Requests per window per API key (or per IP on public routes), by bucket. */
    readonly read: number;
    readonly write: number;
    readonly generate: number;
    /** Failed authentications per window per client IP; past it, 429 instead of 401. */
    readonly authFailures: number;
  };
  /** GitHub REST API access for evidence ingestion (shape of the evidence lib's GithubClientOptions). */
  readonly github: {
    readonly apiUrl: string;
    readonly token: string | undefined;
    readonly timeoutMs: number;
    readonly readmeMaxBytes: number;
    readonly retries: number;
    readonly retryDelayUnitMs: number;
    readonly retryMaxWaitSeconds: number;
    readonly concurrency: number;
    readonly etagCacheMaxEntries: number;
    /** Sliding TTL of the ETags shared in Redis. */
    readonly etagTtlSeconds: number;
    /** Largest answer kept in the shared ETag store (JSON bytes). */
    readonly etagMaxValueBytes: number;
  };
  readonly llm: {
    /** Which provider drafts: `offline` (deterministic, no network) unless a key is configured. */
    readonly provider: LlmProviderName;
    readonly timeoutMs: number;
    /** Retries after the first attempt on 429/5xx/timeouts, with exponential backoff and jitter. */
    readonly retries: number;
    readonly retryBaseMs: number;
    readonly temperature: number;
    readonly gemini: {
      readonly apiKey: string | undefined;
      readonly model: string;
      readonly baseUrl: string | undefined;
    };
    readonly openai: {
      readonly apiKey: string | undefined;
      readonly model: string;
      readonly baseUrl: string;
    };
  };
  readonly generation: {
    /** Jobs one worker runs at once. */
    readonly concurrency: number;
    /** A job running longer than this fails (`generation_timeout`). */
    readonly jobTimeoutMs: number;
    /** Attempts per job for transient failures (BullMQ retries with exponential backoff). */
    readonly attempts: number;
    /** Run the workers inside the API process (the local default); production runs apps/worker. */
    readonly inProcessWorkers: boolean;
    /** How often BullMQ looks for jobs whose worker died (stalled jobs are run again). */
    readonly stalledIntervalMs: number;
    /**
     * How long a generation's event stream and live progress stay in Redis after their last write (the final
     * state stays in the generation's document).
     */
    readonly eventsTtlSeconds: number;
  };
  readonly render: {
    /** Wall-clock limit of one pdflatex run (the process group is killed after it). */
    readonly timeoutMs: number;
    /** Concurrent pdflatex processes; 0 means one per core. */
    readonly concurrency: number;
    /** Compiles waiting for a slot before new ones are refused (503 `latex_busy`). */
    readonly queueMax: number;
    /** Largest PDF accepted from a compile. */
    readonly maxPdfBytes: number;
    /** How long a rendered PDF is served from the compile cache. */
    readonly cacheTtlMs: number;
  };
  readonly cache: {
    readonly purgeIntervalMs: number;
    readonly redisTimeoutMs: number;
    /** How long a fetched GitHub profile is served from cache. */
    readonly githubProfileTtlMs: number;
    /** How long a job-description analysis is served from cache (by hash of the normalised text). */
    readonly jobAnalysisTtlMs: number;
  };
  readonly audit: {
    readonly retentionDays: number;
    readonly flushIntervalMs: number;
    readonly batchSize: number;
  };
  readonly features: ReadonlySet<FeatureFlag>;
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Defaults per profile; `undefined` means the variable is required in that profile. */
const LOCAL_DEFAULTS: Record<string, string> = {
  HOST: '127.0.0.1',
  MONGODB_URI: 'mongodb://127.0.0.1:27017',
  REDIS_URL: 'redis://127.0.0.1:6379',
  GENERATION_IN_PROCESS_WORKERS: 'true',
  CORS_ORIGINS: 'http://localhost:3000,http://127.0.0.1:3000',
};
const DEPLOYED_DEFAULTS: Record<string, string> = { HOST: '0.0.0.0', GENERATION_IN_PROCESS_WORKERS: 'false' };
const COMMON_DEFAULTS: Record<string, string> = {
  PORT: '3000',
  MONGODB_DB: 'llmployable',
  MONGODB_SERVER_SELECTION_TIMEOUT_MS: '5000',
  REDIS_KEY_PREFIX: 'llmployable',
  BODY_LIMIT_BYTES: String(1024 * 1024),
  TRUST_PROXY: 'false',
  SHUTDOWN_TIMEOUT_MS: '10000',
  HEALTH_CHECK_TIMEOUT_MS: '1500',
  AUTH_CACHE_TTL_MS: '30000',
  AUTH_LAST_USED_FLUSH_MS: '10000',
  RATE_LIMIT_WINDOW_SECONDS: '60',
  RATE_LIMIT_READ: '600',
  RATE_LIMIT_WRITE: '120',
  RATE_LIMIT_GENERATE: '10',
  RATE_LIMIT_AUTH_FAILURES: '30',
  GITHUB_API_URL: 'https://api.github.com',
  GITHUB_TIMEOUT_MS: '10000',
  GITHUB_README_MAX_BYTES: '16384',
  GITHUB_RETRIES: '2',
  GITHUB_RETRY_DELAY_UNIT_MS: '1000',
  GITHUB_RETRY_MAX_WAIT_SECONDS: '10',
  GITHUB_CONCURRENCY: '8',
  GITHUB_ETAG_CACHE_MAX_ENTRIES: '10000',
  GITHUB_ETAG_TTL_SECONDS: String(7 * 86_400),
  GITHUB_ETAG_MAX_VALUE_BYTES: String(1024 * 1024),
  CACHE_PURGE_INTERVAL_MS: '600000',
  CACHE_REDIS_TIMEOUT_MS: '250',
  GITHUB_PROFILE_CACHE_TTL_MS: '3600000',
  JOB_ANALYSIS_CACHE_TTL_MS: '86400000',
  LLM_TIMEOUT_MS: '60000',
  LLM_RETRIES: '3',
  LLM_RETRY_BASE_MS: '500',
  LLM_TEMPERATURE_PERCENT: '20',
  GEMINI_MODEL: 'gemini-2.5-flash',
  OPENAI_MODEL: 'gpt-4o-mini',
  OPENAI_BASE_URL: 'https://api.openai.com/v1',
  GENERATION_CONCURRENCY: '2',
  GENERATION_JOB_TIMEOUT_MS: '180000',
  GENERATION_ATTEMPTS: '3',
  GENERATION_STALLED_INTERVAL_MS: '30000',
  GENERATION_EVENTS_TTL_SECONDS: '86400',
  RENDER_TIMEOUT_MS: '10000',
  RENDER_CONCURRENCY: '0',
  RENDER_QUEUE_MAX: '64',
  RENDER_MAX_PDF_BYTES: String(5 * 1024 * 1024),
  RENDER_CACHE_TTL_MS: String(7 * 86_400_000),
  AUDIT_RETENTION_DAYS: '90',
  AUDIT_FLUSH_INTERVAL_MS: '1000',
  AUDIT_BATCH_SIZE: '100',
  FEATURE_FLAGS: '',
};
const PROFILE_DEFAULTS: Record<Profile, Record<string, string>> = {
  development: { ...COMMON_DEFAULTS, ...LOCAL_DEFAULTS, LOG_LEVEL: 'debug' },
  test: { ...COMMON_DEFAULTS, ...LOCAL_DEFAULTS, LOG_LEVEL: 'warn' },
  staging: { ...COMMON_DEFAULTS, ...DEPLOYED_DEFAULTS, LOG_LEVEL: 'info' },
  production: { ...COMMON_DEFAULTS, ...DEPLOYED_DEFAULTS, LOG_LEVEL: 'info' },
};

/** Reads, validates and freezes the configuration. Throws `ConfigValidationError` listing every problem. */
export const LLM_PROVIDERS = ['offline', 'gemini', 'openai-compatible'] as const;
export type LlmProviderName = (typeof LLM_PROVIDERS)[number];

/**
 * LLM_PROVIDER when set; else `gemini` when GEMINI_API_KEY is set, `openai-compatible` when OPENAI_API_KEY is
 * (a keyless local server such as Ollama: set LLM_PROVIDER), and `offline` otherwise (no key needed).
 */
function llmProvider(
  env: Env,
  oneOf: <T extends string>(name: string, allowed: readonly T[]) => T,
): LlmProviderName {
  if (env.LLM_PROVIDER?.trim()) return oneOf('LLM_PROVIDER', LLM_PROVIDERS);
  if (env.GEMINI_API_KEY?.trim()) return 'gemini';
  if (env.OPENAI_API_KEY?.trim()) return 'openai-compatible';
  return 'offline';
}

export function loadConfig(env: Env): AppConfig {
  const problems: string[] = [];
  const profileRaw = env.NODE_ENV ?? 'development';
  if (!(PROFILES as readonly string[]).includes(profileRaw)) {
    throw new ConfigValidationError([`NODE_ENV must be one of ${PROFILES.join(', ')} (got "${profileRaw}")`]);
  }
  const profile = profileRaw as Profile;
  const defaults = PROFILE_DEFAULTS[profile];
  const raw = (name: string): string | undefined => {
    const value = env[name]?.trim();
    if (value !== undefined && value !== '') return value;
    if (name in defaults) return defaults[name];
    problems.push(`${name} is required when NODE_ENV=${profile}`);
    return undefined;
  };
  const int = (name: string, min: number, max: number): number => {
    const value = raw(name);
    if (value === undefined) return min;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      problems.push(`${name} must be an integer between ${min} and ${max} (got "${value}")`);
      return min;
    }
    return Number(value);
  };
  const bool = (name: string): boolean => {
    const value = raw(name)?.toLowerCase();
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0' || value === undefined) return false;
    problems.push(`${name} must be true or false (got "${value}")`);
    return false;
  };
  /** `scheme://[user[:password]@]host[:port][,host[:port]...][/path][?query]` with at least one host. */
  const url = (name: string, schemes: readonly string[]): string => {
    const value = raw(name);
    if (value === undefined) return '';
    const match = /^([a-z+]+):\/\/(?:[^@/?#]*@)?([^/?#@]+)(?:[/?#].*)?$/i.exec(value);
    const hosts = match?.[2].split(',') ?? [];
    const valid =
      match !== null &&
      schemes.includes(match[1].toLowerCase()) &&
      hosts.every((host) => /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host));
    if (!valid) {
      problems.push(
        `${name} must be a ${schemes.map((s) => `${s}://`).join(' or ')} URL with a host (got "${redact(value)}")`,
      );
    }
    return value;
  };
  const httpUrl = (name: string): string => {
    const value = raw(name) ?? '';
    if (!/^https?:\/\/[^/\s?#]+(\/[^\s?#]*)?$/.test(value))
      problems.push(`${name} must be an http(s) URL (got "${value}")`);
    return value.replace(/\/+$/, '');
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[]): T => {
    const value = raw(name);
    if (value !== undefined && !(allowed as readonly string[]).includes(value)) {
      problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    }
    return (value ?? allowed[0]) as T;
  };
  const corsSpec = raw('CORS_ORIGINS');
  const corsOrigins = (corsSpec ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of corsOrigins) {
    if (origin === '*' && (profile === 'production' || profile === 'staging')) {
      problems.push(`CORS_ORIGINS may not contain "*" when NODE_ENV=${profile}`);
    } else if (origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin)) {
      problems.push(`CORS_ORIGINS entries must be origins like https://app.example.com (got "${origin}")`);
    }
  }
  if (
    corsSpec !== undefined &&
    corsOrigins.length === 0 &&
    (profile === 'production' || profile === 'staging')
  ) {
    problems.push(`CORS_ORIGINS must list at least one origin when NODE_ENV=${profile}`);
  }
  const host = raw('HOST') ?? '';
  if (!/^(?:[A-Za-z0-9.-]{1,253}|[0-9A-Fa-f:]{2,39})$/.test(host)) {
    problems.push(`HOST must be an IP address or a host name (got "${host}")`);
  }
  const dbName = raw('MONGODB_DB') ?? '';
  if (!/^[A-Za-z0-9_-]{1,63}$/.test(dbName)) {
    problems.push(`MONGODB_DB must be 1-63 letters, digits, "_" or "-" (got "${dbName}")`);
  }
  const flags = parseFeatureFlags(raw('FEATURE_FLAGS') ?? '', profile);
  problems.push(...flags.problems);

  const config: AppConfig = {
    profile,
    version: env.APP_VERSION?.trim() || env.npm_package_version || '0.0.0-dev',
    bootstrapAdminEmail: env.BOOTSTRAP_ADMIN_EMAIL?.trim() || undefined,
    http: {
      host,
      port: int('PORT', 0, 65535),
      bodyLimitBytes: int('BODY_LIMIT_BYTES', 1024, 100 * 1024 * 1024),
      corsOrigins,
      trustProxy: bool('TRUST_PROXY'),
      shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', 100, 120_000),
    },
    mongo: {
      uri: url('MONGODB_URI', ['mongodb', 'mongodb+srv']),
      dbName,
      serverSelectionTimeoutMs: int('MONGODB_SERVER_SELECTION_TIMEOUT_MS', 100, 120_000),
    },
    redis: { url: url('REDIS_URL', ['redis', 'rediss']), keyPrefix: raw('REDIS_KEY_PREFIX') ?? '' },
    log: {
      level: oneOf('LOG_LEVEL', LOG_LEVELS),
      dir: env.LOG_DIR?.trim() || undefined,
    },
    health: { checkTimeoutMs: int('HEALTH_CHECK_TIMEOUT_MS', 50, 60_000) },
    auth: {
      cacheTtlMs: int('AUTH_CACHE_TTL_MS', 0, 3_600_000),
      lastUsedFlushMs: int('AUTH_LAST_USED_FLUSH_MS', 100, 3_600_000),
    },
    rateLimit: {
      windowSeconds: int('RATE_LIMIT_WINDOW_SECONDS', 1, 86_400),
      read: int('RATE_LIMIT_READ', 1, 1_000_000),
      write: int('RATE_LIMIT_WRITE', 1, 1_000_000),
      generate: int('RATE_LIMIT_GENERATE', 1, 1_000_000),
      authFailures: int('RATE_LIMIT_AUTH_FAILURES', 1, 1_000_000),
    },
    github: {
      apiUrl: httpUrl('GITHUB_API_URL'),
      token: env.GITHUB_TOKEN?.trim() || undefined,
      timeoutMs: int('GITHUB_TIMEOUT_MS', 100, 120_000),
      readmeMaxBytes: int('GITHUB_README_MAX_BYTES', 256, 1_048_576),
      retries: int('GITHUB_RETRIES', 0, 5),
      retryDelayUnitMs: int('GITHUB_RETRY_DELAY_UNIT_MS', 1, 10_000),
      retryMaxWaitSeconds: int('GITHUB_RETRY_MAX_WAIT_SECONDS', 0, 300),
      concurrency: int('GITHUB_CONCURRENCY', 1, 10),
      etagCacheMaxEntries: int('GITHUB_ETAG_CACHE_MAX_ENTRIES', 0, 1_000_000),
      etagTtlSeconds: int('GITHUB_ETAG_TTL_SECONDS', 60, 90 * 86_400),
      etagMaxValueBytes: int('GITHUB_ETAG_MAX_VALUE_BYTES', 1024, 64 * 1024 * 1024),
    },
    llm: {
      provider: llmProvider(env, oneOf),
      timeoutMs: int('LLM_TIMEOUT_MS', 100, 600_000),
      retries: int('LLM_RETRIES', 0, 10),
      retryBaseMs: int('LLM_RETRY_BASE_MS', 1, 60_000),
      temperature: int('LLM_TEMPERATURE_PERCENT', 0, 200) / 100,
      gemini: {
        apiKey: env.GEMINI_API_KEY?.trim() || undefined,
        model: raw('GEMINI_MODEL') ?? 'gemini-2.5-flash',
        baseUrl: env.GEMINI_BASE_URL?.trim() ? httpUrl('GEMINI_BASE_URL') : undefined,
      },
      openai: {
        apiKey: env.OPENAI_API_KEY?.trim() || undefined,
        model: raw('OPENAI_MODEL') ?? 'gpt-4o-mini',
        baseUrl: httpUrl('OPENAI_BASE_URL'),
      },
    },
    generation: {
      concurrency: int('GENERATION_CONCURRENCY', 1, 64),
      jobTimeoutMs: int('GENERATION_JOB_TIMEOUT_MS', 1000, 3_600_000),
      attempts: int('GENERATION_ATTEMPTS', 1, 10),
      inProcessWorkers: bool('GENERATION_IN_PROCESS_WORKERS'),
      stalledIntervalMs: int('GENERATION_STALLED_INTERVAL_MS', 100, 600_000),
      // At least an hour: longer than the longest job timeout, so a running generation never loses its stream.
      eventsTtlSeconds: int('GENERATION_EVENTS_TTL_SECONDS', 3600, 30 * 86_400),
    },
    render: {
      timeoutMs: int('RENDER_TIMEOUT_MS', 500, 120_000),
      concurrency: int('RENDER_CONCURRENCY', 0, 64),
      queueMax: int('RENDER_QUEUE_MAX', 0, 10_000),
      maxPdfBytes: int('RENDER_MAX_PDF_BYTES', 64 * 1024, 100 * 1024 * 1024),
      cacheTtlMs: int('RENDER_CACHE_TTL_MS', 1000, 90 * 86_400_000),
    },
    cache: {
      purgeIntervalMs: int('CACHE_PURGE_INTERVAL_MS', 1000, 86_400_000),
      redisTimeoutMs: int('CACHE_REDIS_TIMEOUT_MS', 10, 10_000),
      githubProfileTtlMs: int('GITHUB_PROFILE_CACHE_TTL_MS', 1000, 7 * 86_400_000),
      jobAnalysisTtlMs: int('JOB_ANALYSIS_CACHE_TTL_MS', 1000, 30 * 86_400_000),
    },
    audit: {
      retentionDays: int('AUDIT_RETENTION_DAYS', 1, 3650),
      flushIntervalMs: int('AUDIT_FLUSH_INTERVAL_MS', 10, 60_000),
      batchSize: int('AUDIT_BATCH_SIZE', 1, 10_000),
    },
    features: flags.enabled,
  };
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Set)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** A URL as it may appear in an error message: any password replaced. */
function redact(value: string): string {
  return value.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
