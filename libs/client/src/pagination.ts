/** A page of a list operation: `items` and the cursor of the next page (null on the last). */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Every item of a cursor-paginated list, page after page, as an async iterator: `fetchPage` gets the cursor
 * (undefined for the first page) and returns the page. Stops at the last page, or after `maxItems`.
 */
export async function* paginate<T>(
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>,
  options: { maxItems?: number } = {},
): AsyncGenerator<T, void, undefined> {
  const max = options.maxItems ?? Number.POSITIVE_INFINITY;
  let cursor: string | undefined;
  let yielded = 0;
  const seen = new Set<string>();
  for (;;) {
    const page = await fetchPage(cursor);
    for (const item of page.items) {
      if (yielded >= max) return;
      yield item;
      yielded++;
    }
    if (!page.nextCursor) return;
    // A server that hands back a cursor it gave before would loop forever.
    if (seen.has(page.nextCursor)) throw new Error(`pagination cursor ${page.nextCursor} repeated`);
    seen.add(page.nextCursor);
    cursor = page.nextCursor;
  }
}

/** Every item of an async iterator, in an array (`Array.fromAsync` needs Node 22). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
