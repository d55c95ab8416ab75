/**
 * JSON Merge Patch (RFC 7396), as `PATCH` with `application/merge-patch+json` applies it to a document:
 * objects are merged member by member (recursively), a `null` member removes that member, and every other
 * value (arrays included) replaces what was there.
 *
 * - Never mutates its inputs: the result is a fresh tree that shares no object or array with `target` or
 *   `patch`, so the caller may change it freely.
 * - Refuses the keys `__proto__`, `constructor` and `prototype` anywhere in the patch (also inside arrays
 *   and inside values that replace) with a `MergePatchError` naming the JSON pointer, so a body can never
 *   reach an object's prototype chain through a later merge or assignment.
 */

export const FORBIDDEN_PATCH_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype'];

export class MergePatchError extends Error {
  /** JSON pointer (RFC 6901) of the refused member in the patch. */
  readonly path: string;

  constructor(path: string, message: string) {
    super(message);
    this.name = 'MergePatchError';
    this.path = path;
  }
}

type JsonObject = Record<string, unknown>;

export function applyMergePatch(target: unknown, patch: unknown): unknown {
  assertNoForbiddenKeys(patch, '');
  return merge(target, patch);
}

function merge(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return clone(patch);
  const result: JsonObject = isObject(target) ? (clone(target) as JsonObject) : {};
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value === undefined) continue; // not a JSON value: a member that is not there
    if (value === null) {
      delete result[key];
    } else {
      const current = Object.prototype.hasOwnProperty.call(result, key) ? result[key] : undefined;
      setOwn(result, key, merge(current, value));
    }
  }
  return result;
}

function assertNoForbiddenKeys(value: unknown, path: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => assertNoForbiddenKeys(item, `${path}/${index}`));
    return;
  }
  if (!isObject(value)) return;
  for (const key of Object.keys(value)) {
    const childPath = `${path}/${escapePointerToken(key)}`;
    if (FORBIDDEN_PATCH_KEYS.includes(key)) {
      throw new MergePatchError(childPath, `The key "${key}" is not allowed in a merge patch`);
    }
    assertNoForbiddenKeys(value[key], childPath);
  }
}

function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (!isObject(value)) return value;
  const copy: JsonObject = {};
  for (const key of Object.keys(value)) setOwn(copy, key, clone(value[key]));
  return copy;
}

/** Defines an own data property, so even a key named `__proto__` in the target stays a plain member. */
function setOwn(object: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
