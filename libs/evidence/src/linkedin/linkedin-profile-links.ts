import { type LinkedInWebsite } from './linkedin-export.types';

/** A website label as LinkedIn writes it (`PORTFOLIO`, `COMPANY`, `PERSONAL`, `RSS`, `OTHER`, …). */
const LABELLED = /^([A-Za-z][A-Za-z _-]*):(.+)$/;
/** Starts of a new website in the list: an optional label, then a URL. */
const NEXT_WEBSITE = /,(?=\s*(?:[A-Za-z][A-Za-z _-]*:)?\s*(?:https?:\/\/|www\.))/i;

/** The list brackets LinkedIn puts around multi-valued profile cells: `[a,b]`. */
function unbracket(cell: string): string {
  const trimmed = cell.trim();
  return trimmed.startsWith('[') && trimmed.endsWith(']') ? trimmed.slice(1, -1) : trimmed;
}

/**
 * Profile.csv "Websites": `[PORTFOLIO:https://jane.dev,OTHER:https://blog.jane.dev]`, split on the commas
 * that start a new website (a URL may hold commas of its own); labels are lowered; `https:` is no label.
 */
export function parseWebsites(cell: string | undefined): LinkedInWebsite[] {
  if (cell === undefined) return [];
  return unbracket(cell)
    .split(NEXT_WEBSITE)
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const labelled = LABELLED.exec(part);
      if (!labelled || /^(https?|ftp)$/i.test(labelled[1]) || labelled[2].startsWith('//'))
        return { url: part };
      return { label: labelled[1].trim().toLowerCase(), url: labelled[2].trim() };
    });
}

/** Profile.csv "Twitter Handles": `[jane,janedev]`, each without a leading `@`. */
export function parseHandles(cell: string | undefined): string[] {
  if (cell === undefined) return [];
  return unbracket(cell)
    .split(',')
    .map((handle) => handle.trim().replace(/^@/, ''))
    .filter((handle) => handle !== '');
}
