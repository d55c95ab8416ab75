/**
 * Numbers stated in text, normalised so the same quantity compares equal however it is written:
 * `40%` = `40 %` = `40 percent`; `2B` = `2 billion` = `2,000,000,000`; `4` = `four`. Digits glued to letters
 * (`p99`, `v2`, `EC2`, `2FA`) are names, not quantities, and are not read.
 */
import { NUMBER_WORDS } from '@app/core';

export interface NumberClaim {
  /** As written: `40 %`, `2 billion`, `four`. */
  text: string;
  value: number;
  percent: boolean;
  /** Offsets into the text. */
  start: number;
  end: number;
}

const MULTIPLIERS: Readonly<Record<string, number>> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  trillion: 1e12,
};

const WORDS = NUMBER_WORDS;

const UNIT = String.raw`(?:\s?(%|percent\b|per cent\b)|\s?(k|K|m|M|mm|MM|b|B|bn|BN|x|×)(?![\p{L}\p{N}])|\s(thousand|million|billion|trillion)\b|(?![\p{L}\p{N}]|\.\d|,\d{3}))`;
const DIGITS = new RegExp(String.raw`(?<![\p{L}\p{N}_.,/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)${UNIT}`, 'gu');
const WORDED = new RegExp(
  String.raw`\b(${Object.keys(WORDS).join('|')})\b(?:\s(thousand|million|billion)\b|\s(percent)\b)?`,
  'gi',
);

/** Every number of the text. "one" is not read (it is more often a pronoun than a count). */
export function numberClaims(text: string): NumberClaim[] {
  const claims: NumberClaim[] = [];
  for (const match of text.matchAll(DIGITS)) {
    const base = Number(match[1].replace(/,/g, ''));
    if (!Number.isFinite(base)) continue;
    const percent = match[2] !== undefined;
    const multiplier = MULTIPLIERS[(match[3] ?? match[4] ?? '').toLowerCase()] ?? 1;
    const start = match.index ?? 0;
    claims.push({ text: match[0], value: base * multiplier, percent, start, end: start + match[0].length });
  }
  for (const match of text.matchAll(WORDED)) {
    const base = WORDS[match[1].toLowerCase()];
    const multiplier = MULTIPLIERS[(match[2] ?? '').toLowerCase()] ?? 1;
    const start = match.index ?? 0;
    claims.push({
      text: match[0],
      value: base * multiplier,
      percent: match[3] !== undefined,
      start,
      end: start + match[0].length,
    });
  }
  return claims.sort((a, b) => a.start - b.start);
}

/** Whether a stated number is among the numbers of the evidence (same value; a percentage only as one). */
export function numberSupported(claim: NumberClaim, evidence: readonly NumberClaim[]): boolean {
  return evidence.some(
    (known) =>
      Math.abs(known.value - claim.value) <= 1e-9 * Math.max(1, Math.abs(claim.value)) &&
      (!claim.percent || known.percent),
  );
}

/** `5+ years`, `10 yrs`: the number of a years-of-experience claim starting at the claim, if it is one. */
export function yearsClaim(text: string, claim: NumberClaim): boolean {
  return /^\+?\s*(?:years?|yrs?)\b/i.test(text.slice(claim.end));
}
