import { type EvidenceRef } from '@app/evidence';

export type MatchStatus = 'matched' | 'partial' | 'missing';

/** One required skill of the job, and what the candidate's evidence says about it. */
export interface MatchTerm {
  skillId: string;
  canonical: string;
  importance: 'must' | 'nice';
  status: MatchStatus;
  /** `partial`: the related skill of the profile that gave the partial credit. */
  via?: { skillId: string; canonical: string };
  /** The profile skill's strength (0–100): of the skill itself, or of `via`. */
  strength?: number;
  /** Up to 3 citations, strongest first (positions, then repositories, then skill listings). */
  evidence: EvidenceRef[];
  /** Years the job asks for this skill ("5+ years of Go"). */
  requiredYears?: number;
  /** Years of positions naming the skill (or `via`), overlaps counted once. */
  candidateYears?: number;
  /** In words: `Apache Kafka: matched — 1 position, listed on the JSON Resume (last used 2026-11)`. */
  explanation: string;
}

export interface MatchSubScores {
  /** 0–100: weighted coverage of the must-have skills (matched 1, partial 0.5). */
  mustHave: number;
  /** 0–100: coverage of the nice-to-have skills. */
  niceToHave: number;
  /** 0–100: years of experience against the years asked, overall and per skill. */
  seniority: number;
  /** 0–100: how recently the matched skills were used. */
  recency: number;
}

export interface MatchSeniority {
  /** The job's seniority level (`senior`, …). */
  required: string;
  /** The years asked: the description's minimum, else the level's usual minimum. */
  requiredYears?: number;
  /** Years covered by the candidate's positions, overlaps counted once (one decimal). */
  candidateYears: number;
  /** 0–1: the seniority sub-score as a fraction. */
  fit: number;
  explanation: string;
}

export interface MatchReport {
  /** 0–100, see `formula`. */
  score: number;
  subScores: MatchSubScores;
  /** The formula with the weights used for this report (they depend on which skill groups exist). */
  formula: string;
  terms: MatchTerm[];
  seniority: MatchSeniority;
  counts: { matched: number; partial: number; missing: number };
}
