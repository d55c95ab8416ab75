import { type RelevanceFactors } from './candidate-profile';
import { currentMonth, laterDate, monthsSince } from './partial-date';
import { type ProjectClaim } from './sources/source-claims';

/**
 * A project's relevance, 0–100, which orders the profile's projects (also documented in the README):
 *
 *   relevance = 100 × ( 0.25 stars + 0.10 forks + 0.20 recency + 0.15 size + 0.15 documentation + 0.15 pinned )
 *               × 0.7 when archived × 0.5 when a fork
 *
 *   stars         = min(1, log10(1 + stars) / 3)              1,000 stars is full marks
 *   forks         = min(1, log10(1 + forks) / 2)              100 forks is full marks
 *   recency       = 1 when active within 6 months (last push, end date, or ongoing), falling linearly to 0 at
 *                   48 months; 0 when undated
 *   size          = min(1, log10(1 + bytes of code) / 6)
 *   documentation = 0.4 with a description + 0.4 × min(1, README or write-up characters / 1,500)
 *                   + 0.2 with topics or keywords
 *   pinned        = 1 when pinned on the GitHub profile
 *
 * Projects only LinkedIn or a JSON Resume describe have no stars, forks, code or pin: they rank by recency
 * and documentation, below comparable repositories, which carry more checkable evidence.
 */
export const RELEVANCE_WEIGHTS: Readonly<RelevanceFactors> = {
  stars: 0.25,
  forks: 0.1,
  recency: 0.2,
  size: 0.15,
  documentation: 0.15,
  pinned: 0.15,
};

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
const round2 = (value: number) => Math.round(value * 100) / 100;

export function relevanceFactors(project: ProjectClaim, now: Date): RelevanceFactors {
  const repo = project.repo;
  const codeBytes = repo ? Object.values(repo.languages).reduce((sum, bytes) => sum + bytes, 0) : 0;
  const ongoing = !repo && project.startDate !== null && project.endDate === null;
  const lastActive = ongoing ? currentMonth(now) : laterDate(repo?.pushedAt ?? null, project.endDate);
  const months = lastActive ? monthsSince(lastActive, now) : null;
  const writeUp = repo
    ? repo.readmeChars
    : project.texts.reduce((sum, piece) => sum + (piece.text === project.name ? 0 : piece.text.length), 0);
  const tagged = (repo?.topics.length ?? 0) + project.keywords.length > 0;
  return {
    stars: round2(clamp01(Math.log10(1 + (repo?.stars ?? 0)) / 3)),
    forks: round2(clamp01(Math.log10(1 + (repo?.forks ?? 0)) / 2)),
    recency: round2(months === null ? 0 : clamp01((48 - Math.max(6, months)) / 42)),
    size: round2(clamp01(Math.log10(1 + codeBytes) / 6)),
    documentation: round2(
      (project.description ? 0.4 : 0) + 0.4 * clamp01(writeUp / 1500) + (tagged ? 0.2 : 0),
    ),
    pinned: repo?.pinned ? 1 : 0,
  };
}

export function relevanceScore(factors: RelevanceFactors, project: ProjectClaim): number {
  const weighted = (Object.keys(RELEVANCE_WEIGHTS) as (keyof RelevanceFactors)[]).reduce(
    (sum, factor) => sum + RELEVANCE_WEIGHTS[factor] * factors[factor],
    0,
  );
  const penalty = (project.repo?.archived ? 0.7 : 1) * (project.repo?.fork ? 0.5 : 1);
  return Math.round(weighted * penalty * 100);
}
