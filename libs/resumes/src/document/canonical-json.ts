/**
 * Canonical JSON: one byte sequence per JSON value, whatever the key order it was built with, so a stored
 * version can be hashed (ETag, change detection) and compared byte for byte.
 *
 * Rules (in the spirit of RFC 8785, simplified to the data a resume holds):
 * - object members sorted by key (UTF-16 code unit order, what `Array.prototype.sort` does on strings);
 * - no whitespace at all;
 * - arrays in their order;
 * - a member whose value is `undefined` is dropped; `undefined` inside an array becomes `null` (as
 *   `JSON.stringify` does, so indexes do not shift);
 * - strings and numbers are written as `JSON.stringify` writes them (`-0` is `0`);
 * - a value with `toJSON()` (a `Date`, a Mongo `ObjectId`) is replaced by what that returns, as in `JSON.stringify`;
 * - anything that is not JSON (a function, a symbol, a bigint, `NaN` or an infinity, a cycle) throws a
 *   `TypeError`: a hash must never silently stand for something else.
 */
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  const out = write(value, new Set<object>(), '');
  if (out === undefined) {
    throw new TypeError('canonicalJson: the value is undefined, which has no JSON form');
  }
  return out;
}

/** Lower-case hex SHA-256 of the UTF-8 bytes of `text`. */
export function sha256Hex(data: string | Buffer): string {
  const hash = createHash('sha256');
  return (typeof data === 'string' ? hash.update(data, 'utf8') : hash.update(data)).digest('hex');
}

function write(value: unknown, ancestors: Set<object>, path: string): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) {
        throw new TypeError(`canonicalJson: ${String(value)} at "${path}" has no JSON form`);
      }
      return JSON.stringify(value);
    case 'object':
      break;
    default:
      throw new TypeError(`canonicalJson: a ${typeof value} at "${path}" has no JSON form`);
  }
  const object = value as object;
  const toJSON = (object as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    return write((toJSON as () => unknown).call(object), ancestors, path);
  }
  if (ancestors.has(object)) {
    throw new TypeError(`canonicalJson: a cycle at "${path}"`);
  }
  ancestors.add(object);
  try {
    if (Array.isArray(object)) {
      const items = object.map(
        (item: unknown, index) => write(item, ancestors, `${path}/${index}`) ?? 'null',
      );
      return `[${items.join(',')}]`;
    }
    const record = object as Record<string, unknown>;
    const members: string[] = [];
    for (const key of Object.keys(record).sort()) {
      const member = write(record[key], ancestors, `${path}/${key}`);
      if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(object);
  }
}
