/**
 * What an API key may do. A route names the scopes it needs with `@RequireScopes(...)`; a key holding
 * `admin` (only ever granted to admin users) satisfies every scope.
 */
export const SCOPES = [
  'resumes:read',
  'resumes:write',
  'applications:read',
  'applications:write',
  'generate',
  'profile:write',
  'keys:manage',
  'admin',
] as const;

export type Scope = (typeof SCOPES)[number];

export const SCOPE_DESCRIPTIONS: Readonly<Record<Scope, string>> = {
  'resumes:read': 'read resumes, versions, diffs and artifacts',
  'resumes:write': 'create, edit, archive and delete resumes',
  'applications:read': 'read job applications and their timelines',
  'applications:write': 'create and update job applications',
  generate: 'gather evidence, keep candidate profiles, run job analysis and resume generation',
  'profile:write': 'update your own profile and preferences',
  'keys:manage': 'create, rotate and revoke your own API keys (never with more scopes than the key itself)',
  admin: 'administer users and read the audit log across users (admin users only); implies every scope',
};

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

export function hasScopes(
  granted: ReadonlySet<Scope> | readonly Scope[],
  required: readonly Scope[],
): boolean {
  const set = granted instanceof Set ? granted : new Set(granted);
  return set.has('admin') || required.every((scope) => set.has(scope));
}
