import { describe, expect, it } from 'vitest';

import { KeyedMutex } from './keyed-mutex';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('KeyedMutex', () => {
  it('runs tasks of one key one at a time, in arrival order, even when one fails', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const task =
      (name: string, ms: number, fail = false) =>
      async () => {
        log.push(`${name} start`);
        await delay(ms);
        log.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      mutex.run('a', task('first', 30)),
      mutex.run('a', task('second', 5, true)),
      mutex.run('a', task('third', 5)),
    ]);
    expect(log).toEqual([
      'first start',
      'first end',
      'second start',
      'second end',
      'third start',
      'third end',
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('runs tasks of different keys concurrently', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    await Promise.all([
      mutex.run('a', async () => {
        log.push('a start');
        await delay(20);
        log.push('a end');
      }),
      mutex.run('b', async () => {
        log.push('b start');
        await delay(5);
        log.push('b end');
      }),
    ]);
    expect(log).toEqual(['a start', 'b start', 'b end', 'a end']);
  });
});
