import { type PartialIsoDate } from './linkedin-export.types';

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

/** Words LinkedIn (or a user editing the file) may write for "still ongoing": no end date. */
const ONGOING = new Set(['present', 'current', 'now', 'today']);

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

/** `ok: false` for text that is no date we know; `date` absent for an empty cell or "Present". */
export type LinkedInDateResult = { ok: true; date?: PartialIsoDate } | { ok: false };

type Parts = { year: string; month?: string; day?: string };

/** Each accepted shape, tried in order, returning its parts (the month as digits or a name). */
const SHAPES: readonly ((text: string) => Parts | undefined)[] = [
  match(/^(\d{4})$/, ([year]) => ({ year })), // 2021
  match(/^([a-z]+)\.? (\d{4})$/, ([month, year]) => ({ year, month })), // Mar 2021, March 2021
  match(/^(\d{1,2})[ /.-](\d{4})$/, ([month, year]) => ({ year, month })), // 03 2021, 3/2021
  match(/^(\d{4})[-/.](\d{1,2})$/, ([year, month]) => ({ year, month })), // 2021-03
  match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/, ([year, month, day]) => ({ year, month, day })), // 2021-03-15
  match(/^([a-z]+)\.? (\d{1,2}),? (\d{4})$/, ([month, day, year]) => ({ year, month, day })), // Mar 15, 2021
  match(/^(\d{1,2}) ([a-z]+)\.?,? (\d{4})$/, ([day, month, year]) => ({ year, month, day })), // 15 Mar 2021
];

function match(pattern: RegExp, toParts: (groups: string[]) => Parts): (text: string) => Parts | undefined {
  return (text) => {
    const found = pattern.exec(text);
    return found ? toParts(found.slice(1)) : undefined;
  };
}

/**
 * A LinkedIn date ("Mar 2021", "2021", "03 2021", "2021-03", "Mar 15, 2021", …) as a partial ISO date,
 * `YYYY` or `YYYY-MM` (a day, when given, is checked and dropped: LinkedIn's precision is the month).
 */
export function parseLinkedInDate(text: string): LinkedInDateResult {
  const normalized = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (normalized === '' || ONGOING.has(normalized)) return { ok: true };
  for (const shape of SHAPES) {
    const parts = shape(normalized);
    if (parts) return toIsoDate(parts);
  }
  return { ok: false };
}

function toIsoDate({ year, month, day }: Parts): LinkedInDateResult {
  const y = Number(year);
  if (y < MIN_YEAR || y > MAX_YEAR) return { ok: false };
  if (month === undefined) return { ok: true, date: year };
  const m = /^\d+$/.test(month) ? Number(month) : MONTHS[month];
  if (m === undefined || m < 1 || m > 12) return { ok: false };
  if (day !== undefined && (Number(day) < 1 || Number(day) > 31)) return { ok: false };
  return { ok: true, date: `${year}-${String(m).padStart(2, '0')}` };
}
