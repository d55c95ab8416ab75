/**
 * Turns a request body into what the audit log may keep of it: the names of the fields it set, and values
 * only for small scalar fields that are not secret. Never whole payloads, never a secret: a field whose
 * name looks secret (password, token, key, apiKey, authorization, ...) is marked `redacted` with no value,
 * and so is any value that looks like a credential (an API key, a bearer token, a JWT, a long opaque string).
 */

export type AuditScalar = string | number | boolean | null;

export interface AuditFieldChangeSummary {
  /** Dotted path of the field, e.g. `profile.headline`. */
  field: string;
  /** The value, only for small, scalar, non-secret fields. */
  value?: AuditScalar;
  /** True when the value was left out because the field's name or value looks secret. */
  redacted?: boolean;
  /**
   * Instead of the value: a long string's length, an array's item count, or the key count of an object
   * nested too deep (counted up to `maxFields + 1`).
   */
  size?: number;
}

export interface AuditChangeSummary {
  fields: AuditFieldChangeSummary[];
  /** The body's size in bytes (`Content-Length`), when the client sent it. */
  bodyBytes?: number;
  /** True when fields were left out: too many of them, or a body too large to walk (then only top-level names). */
  truncated: boolean;
}

export const CHANGE_SUMMARY_LIMITS = {
  /** At most this many fields are listed. */
  maxFields: 50,
  /** Objects nested deeper than this are summarised by their key count. */
  maxDepth: 4,
  /** Strings longer than this are summarised by their length. */
  maxValueLength: 100,
  /** Field names longer than this are cut. */
  maxNameLength: 64,
  /** Bodies larger than this list only their top-level field names. */
  largeBodyBytes: 16 * 1024,
} as const;

/** Name parts that mark a field as secret (names are split on camelCase, `_`, `-` and `.`). */
const SECRET_NAME_PARTS = new Set([
  'apikey',
  'auth',
  'authorization',
  'bearer',
  'cookie',
  'cookies',
  'credential',
  'credentials',
  'cvv',
  'hash',
  'jwt',
  'key',
  'keys',
  'otp',
  'passphrase',
  'passwd',
  'password',
  'pin',
  'private',
  'privatekey',
  'pwd',
  'salt',
  'secret',
  'secrets',
  'session',
  'signature',
  'ssn',
  'token',
  'tokens',
]);
/** Substrings that mark a name as secret even when it is not split (`accesstoken`, `clientsecret`). */
const SECRET_NAME_SUBSTRINGS = ['password', 'secret', 'token', 'apikey', 'passwd', 'credential'];

/** Values that look like credentials whatever the field is called. */
const SECRET_VALUE_PATTERNS = [
  /llm_(?:live|test)_/i, // our own API keys
  /^\s*(?:bearer|basic)\s+\S/i, // an Authorization header value
  /^eyJ[\w-]*\.[\w-]*\./, // a JWT
  /-----BEGIN [A-Z ]*(?:PRIVATE KEY|CERTIFICATE)-----/, // PEM
  /^[A-Za-z0-9_\-+/=]{32,}$/, // a long opaque string: a token, a hash, base64 key material
];

export function isSecretName(name: string): boolean {
  const normalised = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
  const parts = normalised.split(/[^a-z0-9]+/).filter(Boolean);
  if (parts.some((part) => SECRET_NAME_PARTS.has(part))) return true;
  const joined = parts.join('');
  return SECRET_NAME_SUBSTRINGS.some((secret) => joined.includes(secret));
}

export function looksSecretValue(value: string): boolean {
  return SECRET_VALUE_PATTERNS.some((pattern) => pattern.test(value));
}

/**
 * Summarises a parsed request body. `contentLength` is the `Content-Length` header, when there was one.
 * Bounded work: at most `maxFields` fields are visited, however large the body.
 */
export function summarizeChanges(body: unknown, contentLength?: number): AuditChangeSummary | undefined {
  if (body === undefined || body === null) return undefined;
  const bodyBytes = Number.isSafeInteger(contentLength) && contentLength! >= 0 ? contentLength : undefined;
  const summary: AuditChangeSummary = {
    fields: [],
    ...(bodyBytes !== undefined ? { bodyBytes } : {}),
    truncated: false,
  };
  if (!isPlainObject(body)) {
    // Not a JSON object (raw text, binary, a top-level array): its size only.
    summary.truncated = true;
  } else if (bodyBytes !== undefined && bodyBytes > CHANGE_SUMMARY_LIMITS.largeBodyBytes) {
    listTopLevelNames(body, summary);
  } else {
    walk(body, '', 1, summary);
  }
  return summary;
}

function listTopLevelNames(body: Record<string, unknown>, summary: AuditChangeSummary): void {
  summary.truncated = true;
  for (const name of ownKeys(body)) {
    if (summary.fields.length >= CHANGE_SUMMARY_LIMITS.maxFields) return;
    const field = fieldName('', name);
    summary.fields.push(
      isSecretName(name) || field.redacted ? { field: field.path, redacted: true } : { field: field.path },
    );
  }
}

function walk(
  object: Record<string, unknown>,
  prefix: string,
  depth: number,
  summary: AuditChangeSummary,
): void {
  for (const name of ownKeys(object)) {
    if (summary.fields.length >= CHANGE_SUMMARY_LIMITS.maxFields) {
      summary.truncated = true;
      return;
    }
    const { path, redacted } = fieldName(prefix, name);
    const value = object[name];
    if (redacted || isSecretName(name)) {
      summary.fields.push({ field: path, redacted: true });
    } else if (isPlainObject(value)) {
      const keyCount = ownKeys(value).length;
      if (depth >= CHANGE_SUMMARY_LIMITS.maxDepth || keyCount === 0) {
        summary.fields.push({ field: path, size: keyCount });
        if (keyCount > 0) summary.truncated = true;
      } else {
        walk(value, path, depth + 1, summary);
      }
    } else {
      summary.fields.push(describeValue(path, value));
    }
  }
}

function describeValue(field: string, value: unknown): AuditFieldChangeSummary {
  if (value === null || typeof value === 'boolean') return { field, value };
  if (typeof value === 'number') return Number.isFinite(value) ? { field, value } : { field };
  if (typeof value === 'string') {
    if (looksSecretValue(value)) return { field, redacted: true };
    if (value.length > CHANGE_SUMMARY_LIMITS.maxValueLength) return { field, size: value.length };
    return { field, value };
  }
  if (Array.isArray(value)) return { field, size: value.length };
  return { field };
}

/** The dotted path of a field; a name that itself looks like a credential is never stored. */
function fieldName(prefix: string, name: string): { path: string; redacted: boolean } {
  const redacted = looksSecretValue(name);
  const safe = redacted ? '[redacted]' : name.slice(0, CHANGE_SUMMARY_LIMITS.maxNameLength);
  return { path: prefix ? `${prefix}.${safe}` : safe, redacted };
}

/** Own keys, at most one more than `maxFields` (enough to know there are too many): bounded work. */
function ownKeys(object: Record<string, unknown>): string[] {
  const keys: string[] = [];
  for (const key in object) {
    if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
    keys.push(key);
    if (keys.length > CHANGE_SUMMARY_LIMITS.maxFields) break;
  }
  return keys;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
