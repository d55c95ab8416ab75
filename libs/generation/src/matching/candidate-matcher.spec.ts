import { type CandidateProfileData } from '@app/evidence';
import { type JobAnalysisResultDto } from '@app/job-analysis';
import { beforeAll, describe, expect, it } from 'vitest';

import { effectiveWeights, matchCandidate, MATCH_WEIGHTS, recencyOf } from './candidate-matcher';
import { type MatchReport } from './match.types';
import { adaProfile, analyzeJob, BACKEND_JOB, NOW, taxonomy } from './testing/generation.fixture';

describe('matchCandidate', () => {
  let profile: CandidateProfileData;
  let analysis: JobAnalysisResultDto;
  let report: MatchReport;
  const term = (id: string) => report.terms.find((t) => t.skillId === id);

  beforeAll(async () => {
    profile = await adaProfile();
    analysis = await analyzeJob(BACKEND_JOB);
    report = matchCandidate(profile, analysis, NOW, taxonomy);
  });

  it('matches skills the profile has, citing their strongest evidence (at most 3, positions first)', () => {
    const go = term('go');
    expect(go).toMatchObject({ status: 'matched', importance: 'must', requiredYears: 3 });
    expect(go?.evidence.length).toBeGreaterThan(0);
    expect(go?.evidence.length).toBeLessThanOrEqual(3);
    expect(go?.evidence[0].id).toBe('json_resume:/work/0/highlights/0');
    const facts = new Set(profile.evidence.map((fact) => fact.id));
    for (const t of report.terms) for (const ref of t.evidence) expect(facts.has(ref.id), ref.id).toBe(true);
    expect(term('kafka')?.explanation).toBe(
      'Apache Kafka: matched — 1 position, listed on the JSON Resume (last used 2026-11)',
    );
  });

  it('gives partial credit through related skills, both directions of `related`', () => {
    // SQL lists nothing; PostgreSQL lists SQL (reverse direction).
    expect(term('sql')).toMatchObject({
      status: 'partial',
      via: { skillId: 'postgresql', canonical: 'PostgreSQL' },
    });
    // JavaScript lists TypeScript (forward direction).
    expect(term('javascript')).toMatchObject({ status: 'partial', via: { skillId: 'typescript' } });
    // React Native (nice) lists React.
    expect(term('react-native')).toMatchObject({
      status: 'partial',
      importance: 'nice',
      via: { skillId: 'react' },
    });
    expect(term('sql')?.explanation).toMatch(/^SQL: partial via PostgreSQL \(related\) — /);
    expect(term('sql')?.evidence.length).toBeGreaterThan(0);
  });

  it('reports what is missing, with no evidence', () => {
    for (const id of ['java', 'rust', 'terraform']) {
      expect(term(id)).toMatchObject({ status: 'missing', evidence: [] });
    }
    expect(term('java')?.explanation).toBe('Java: missing — no evidence in the profile');
    expect(report.counts).toEqual({ matched: 4, partial: 3, missing: 3 });
  });

  it('computes the score from the sub-scores with the documented weights', () => {
    const { mustHave, niceToHave, seniority, recency } = report.subScores;
    const expected =
      MATCH_WEIGHTS.mustHave * mustHave +
      MATCH_WEIGHTS.niceToHave * niceToHave +
      MATCH_WEIGHTS.seniority * seniority +
      MATCH_WEIGHTS.recency * recency;
    expect(Math.abs(report.score - expected)).toBeLessThanOrEqual(1);
    expect(report.formula).toContain(
      '0.55 × mustHave + 0.15 × niceToHave + 0.15 × seniority + 0.15 × recency',
    );
    // Must: go (w 1.75: years asked + 1 extra mention) 1, kafka 1, sql .5, javascript .5, java 0, docker 1, k8s 1.
    expect(report.subScores.mustHave).toBe(Math.round((100 * (1.75 + 1 + 0.5 + 0.5 + 0 + 1 + 1)) / 7.75));
    // Nice: react-native .5, rust 0, terraform 0.
    expect(report.subScores.niceToHave).toBe(17);
    expect(report.score).toBeGreaterThan(0);
    expect(report.score).toBeLessThanOrEqual(100);
  });

  it('measures seniority from position dates (overlaps once) against the years asked, overall and per skill', () => {
    // 2016 (12 months) + 2017-07..2021-02 (44) + 2021-03..2026-11 (69) = 125 months.
    expect(report.seniority).toMatchObject({
      required: 'senior',
      requiredYears: 5,
      candidateYears: 10.4,
      fit: 1,
    });
    expect(report.seniority.explanation).toContain('Go 5.8 of 3 years');
    const demanding = { ...analysis, minYears: 20 };
    const stretched = matchCandidate(profile, demanding, NOW, taxonomy);
    expect(stretched.seniority.fit).toBeCloseTo(0.6 * (10.4 / 20) + 0.4 * 1, 2);
    expect(stretched.score).toBeLessThan(report.score);
  });

  it('scores recency of the matched skills on the profile’s curve', () => {
    expect(recencyOf('2026-10', NOW)).toBe(1);
    expect(recencyOf('2023-02', NOW)).toBeCloseTo(1 - (45 - 12) / 48, 5);
    expect(recencyOf('2019-05', NOW)).toBe(0);
    expect(recencyOf(null, NOW)).toBe(0);
    expect(report.subScores.recency).toBeGreaterThan(50);
    expect(report.subScores.recency).toBeLessThan(100);
  });

  it('moves the nice-to-have weight to the must-haves when the job lists none', async () => {
    const mustOnly = await analyzeJob(
      'Backend Engineer\n\nRequirements\n- Go services in production\n- PostgreSQL and Apache Kafka\n- Rust for the hot path\n',
    );
    expect(mustOnly.skills.every((skill) => skill.importance === 'must')).toBe(true);
    const result = matchCandidate(profile, mustOnly, NOW, taxonomy);
    expect(result.formula).toContain('score = round(0.70 × mustHave + 0.15 × seniority + 0.15 × recency)');
    const { mustHave, seniority, recency } = result.subScores;
    expect(Math.abs(result.score - (0.7 * mustHave + 0.15 * seniority + 0.15 * recency))).toBeLessThanOrEqual(
      1,
    );
    expect(effectiveWeights(false, false)).toEqual({ mustHave: 0, niceToHave: 0, seniority: 1, recency: 0 });
  });

  it('is deterministic', () => {
    expect(matchCandidate(profile, analysis, NOW, taxonomy)).toEqual(report);
  });
});
