/**
 * How dates, places and links read on the page. Shared by the templates and the ATS check, so the check
 * looks for exactly what was shown.
 */
import type { LocationDto } from '@app/resumes/document';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const PRESENT = 'Present';
export const DATE_RANGE_DASH = ' \u2013 ';

/** `2021` -> `2021`, `2021-03` and `2021-03-15` -> `Mar 2021`; anything else is shown trimmed as given. */
export function formatResumeDate(date: string): string {
  const match = /^(\d{4})(?:-(\d{2})(?:-\d{2})?)?$/.exec(date.trim());
  if (!match) return date.trim();
  const month = match[2] === undefined ? undefined : MONTHS[Number(match[2]) - 1];
  return month === undefined ? match[1] : `${month} ${match[1]}`;
}

/**
 * `Mar 2021 – Present` (a start without an end: ongoing, as in JSON Resume), `Mar 2021 – May 2024`,
 * `2020` (same start and end, or only an end). Undefined without dates.
 */
export function formatDateRange(start: string | undefined, end: string | undefined): string | undefined {
  const from = present(start) ? formatResumeDate(start) : undefined;
  const to = present(end) ? formatResumeDate(end) : undefined;
  if (from === undefined) return to;
  if (to === undefined) return `${from}${DATE_RANGE_DASH}${PRESENT}`;
  return from === to ? from : `${from}${DATE_RANGE_DASH}${to}`;
}

/** `Berlin, DE`; `Stockholm, Stockholm County, SE`. The street address is left out (privacy, space). */
export function formatLocation(location: LocationDto | undefined): string | undefined {
  if (!location) return undefined;
  const parts = [location.city, location.region, location.countryCode].filter(present);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** A URL as printed: without scheme, `www.` and a trailing slash (`https://www.x.dev/a/` -> `x.dev/a`). */
export function displayUrl(url: string): string {
  return url
    .trim()
    .replace(/^(?:https?:\/\/|mailto:)/i, '')
    .replace(/^www\./i, '')
    .replace(/\/$/, '');
}

export function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}
