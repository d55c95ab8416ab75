/**
 * Runs tasks one at a time per key, in arrival order, within this process (tasks of different keys run
 * concurrently). For writes that must not interleave where the database cannot order them atomically
 * (FerretDB applies a conditional update by reading, then writing).
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
