import { describe, expect, it } from 'vitest';

import { applyMergePatch, MergePatchError } from './merge-patch';

describe('applyMergePatch', () => {
  // RFC 7396, Appendix A: ORIGINAL, PATCH, RESULT.
  const appendixA: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [
      ['a', 'b'],
      ['c', 'd'],
      ['c', 'd'],
    ],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];

  it.each(appendixA.map(([original, patch, result], index) => ({ index, original, patch, result })))(
    'RFC 7396 Appendix A case $index',
    ({ original, patch, result }) => {
      expect(applyMergePatch(original, patch)).toStrictEqual(result);
    },
  );

  it('merges a partial resume document: replaces arrays, removes with null, merges objects', () => {
    const doc = {
      basics: { name: 'Jane', label: 'Engineer', location: { city: 'Berlin', countryCode: 'DE' } },
      summary: 'Old',
      skills: [{ name: 'Languages', items: [{ name: 'Go' }] }],
    };
    const patch = { basics: { label: null, location: { city: 'Hamburg' } }, skills: [], summary: 'New' };
    expect(applyMergePatch(doc, patch)).toStrictEqual({
      basics: { name: 'Jane', location: { city: 'Hamburg', countryCode: 'DE' } },
      summary: 'New',
      skills: [],
    });
  });

  it('never mutates its inputs and shares no object with them', () => {
    const target = { a: { b: [1, { c: 2 }] }, keep: { deep: { x: 1 } } };
    const patch = { a: { d: { e: [3] } }, removed: null };
    const targetBefore = JSON.stringify(target);
    const patchBefore = JSON.stringify(patch);
    const result = applyMergePatch(target, patch) as {
      a: { b: unknown[]; d: { e: number[] } };
      keep: { deep: { x: number } };
    };
    expect(JSON.stringify(target)).toBe(targetBefore);
    expect(JSON.stringify(patch)).toBe(patchBefore);
    expect(result).toStrictEqual({ a: { b: [1, { c: 2 }], d: { e: [3] } }, keep: { deep: { x: 1 } } });
    expect(result.keep).not.toBe(target.keep);
    expect(result.keep.deep).not.toBe(target.keep.deep);
    expect(result.a.b).not.toBe(target.a.b);
    expect(result.a.d).not.toBe(patch.a.d);
    expect(result.a.d.e).not.toBe(patch.a.d.e);
  });

  it('works on frozen inputs', () => {
    const target = Object.freeze({ a: Object.freeze({ b: 1 }) });
    const patch = Object.freeze({ a: Object.freeze({ c: 2 }) });
    expect(applyMergePatch(target, patch)).toStrictEqual({ a: { b: 1, c: 2 } });
  });

  it.each([
    ['{"__proto__": {"polluted": true}}', '/__proto__'],
    ['{"basics": {"constructor": {"prototype": {"polluted": true}}}}', '/basics/constructor'],
    ['{"a": {"prototype": 1}}', '/a/prototype'],
    ['{"list": [{"ok": 1}, {"__proto__": {"polluted": true}}]}', '/list/1/__proto__'],
  ])('refuses the forbidden key in %s at %s', (body, path) => {
    const patch: unknown = JSON.parse(body);
    let caught: unknown;
    try {
      applyMergePatch({ basics: { name: 'Jane' } }, patch);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MergePatchError);
    expect((caught as MergePatchError).path).toBe(path);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps a target member named __proto__ as a plain member (no prototype change)', () => {
    const target: unknown = JSON.parse('{"__proto__": {"x": 1}, "a": 1}');
    const result = applyMergePatch(target, { a: 2 }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.keys(result)).toEqual(['__proto__', 'a']);
    expect(result.a).toBe(2);
  });
});
