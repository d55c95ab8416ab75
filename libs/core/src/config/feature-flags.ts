/**
 * Feature flags: a fixed, documented set with per-profile defaults, switched with
 * FEATURE_FLAGS="name,-other" (a leading "-" turns a flag off). Unknown names are configuration errors.
 */
import type { Profile } from './app-config';

export const FEATURE_FLAGS = {
  /** Serve the interactive API docs at /docs, with the contract at /docs/openapi.json and /docs/openapi.yaml. */
  docs: {
    description: 'interactive API docs at /docs',
    defaultOn: ['development', 'test', 'staging', 'production'],
  },
  /** Include dependency versions and the MongoDB backend in /api/v1/health/detailed. */
  healthDetails: {
    description: 'dependency versions in /api/v1/health/detailed',
    defaultOn: ['development', 'test', 'staging', 'production'],
  },
  /** Rate limits per key / IP (switch off only where a gateway in front enforces them). */
  rateLimit: {
    description: 'rate limits per API key and per IP',
    defaultOn: ['development', 'test', 'staging', 'production'],
  },
} as const satisfies Record<string, { description: string; defaultOn: readonly Profile[] }>;

export type FeatureFlag = keyof typeof FEATURE_FLAGS;

export function parseFeatureFlags(
  spec: string,
  profile: Profile,
): { enabled: ReadonlySet<FeatureFlag>; problems: string[] } {
  const enabled = new Set<FeatureFlag>();
  for (const [name, flag] of Object.entries(FEATURE_FLAGS)) {
    if ((flag.defaultOn as readonly Profile[]).includes(profile)) enabled.add(name as FeatureFlag);
  }
  const problems: string[] = [];
  for (const item of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const off = item.startsWith('-');
    const name = off ? item.slice(1) : item.replace(/^\+/, '');
    if (!(name in FEATURE_FLAGS)) {
      problems.push(
        `FEATURE_FLAGS names an unknown flag "${name}" (known: ${Object.keys(FEATURE_FLAGS).join(', ')})`,
      );
      continue;
    }
    if (off) enabled.delete(name as FeatureFlag);
    else enabled.add(name as FeatureFlag);
  }
  return { enabled, problems };
}
