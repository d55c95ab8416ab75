import { describe, expect, it } from 'vitest';

import { TimeoutError, withTimeout } from './with-timeout';

describe('withTimeout', () => {
  it('passes a value through when the promise settles in time', async () => {
    await expect(withTimeout(Promise.resolve(42), 100, 'answer')).resolves.toBe(42);
  });

  it('rejects with a TimeoutError naming what timed out', async () => {
    const error = await withTimeout(new Promise(() => undefined), 20, 'redis health check').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toBe('redis health check timed out after 20 ms');
  });

  it('passes the original rejection through', async () => {
    await expect(withTimeout(Promise.reject(new Error('boom')), 100, 'x')).rejects.toThrow('boom');
  });
});
