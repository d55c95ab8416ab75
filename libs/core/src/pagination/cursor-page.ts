import { type CursorPage } from './cursor-page.dto';

/**
 * Builds a page from `limit + 1` rows fetched newest-first by id: the extra row only says whether
 * another page exists. Repositories query `{ _id: { $lt: cursor } }`, sort `{ _id: -1 }`, limit `limit + 1`.
 */
export function toCursorPage<T extends { id: string }>(rows: T[], limit: number): CursorPage<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}
