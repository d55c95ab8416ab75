import { describe, expect, it } from 'vitest';

import { canonicalJson, sha256Hex } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth, keeps array order and writes no whitespace', () => {
    const value = { b: 1, a: { d: [3, { z: true, y: null }], c: 'x y' } };
    expect(canonicalJson(value)).toBe('{"a":{"c":"x y","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same text whatever order the keys were inserted in', () => {
    const one = { basics: { name: 'Jane', label: 'Engineer' }, skills: [{ name: 'Go', items: [] }] };
    const two = { skills: [{ items: [], name: 'Go' }], basics: { label: 'Engineer', name: 'Jane' } };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
    expect(canonicalJson(one)).toBe(
      '{"basics":{"label":"Engineer","name":"Jane"},"skills":[{"items":[],"name":"Go"}]}',
    );
  });

  it('sorts by UTF-16 code units (upper case before lower case, then non-ASCII)', () => {
    expect(canonicalJson({ é: 1, b: 2, B: 3, a: 4, _: 5 })).toBe('{"B":3,"_":5,"a":4,"b":2,"é":1}');
  });

  it('drops undefined members, writes undefined array items as null', () => {
    expect(canonicalJson({ a: undefined, b: [1, undefined, 2] })).toBe('{"b":[1,null,2]}');
  });

  it('writes strings and numbers as JSON.stringify does', () => {
    expect(canonicalJson(['a"b\\c\n', '\u2028', -0, 1e21, 0.1])).toBe(
      '["a\\"b\\\\c\\n","\u2028",0,1e+21,0.1]',
    );
  });

  it('uses toJSON like JSON.stringify (dates)', () => {
    expect(canonicalJson({ at: new Date(Date.UTC(2024, 4, 17, 8, 30)) })).toBe(
      '{"at":"2024-05-17T08:30:00.000Z"}',
    );
  });

  it('refuses what has no JSON form', () => {
    expect(() => canonicalJson({ a: NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ a: Infinity })).toThrow(TypeError);
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
    expect(() => canonicalJson({ a: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cycle at "\/self"/);
  });

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });
});

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vectors', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('hashes the UTF-8 bytes', () => {
    // "é" is c3 a9 in UTF-8.
    expect(sha256Hex('é')).toBe(sha256Hex(Buffer.from([0xc3, 0xa9]).toString('utf8')));
    expect(sha256Hex('é')).not.toBe(sha256Hex('e'));
  });
});
