import { type CandidateProfileData, type EvidenceRef, type ProfileSkill } from '@app/evidence';
import { coveredMonths, monthsSince } from '@app/evidence/profile/partial-date';
import { type JobAnalysisResultDto, type JobSkillDto } from '@app/job-analysis';
import { type SkillTaxonomy } from '@app/skills';

import { type MatchReport, type MatchStatus, type MatchTerm } from './match.types';

/**
 * How well a candidate's evidence covers a job, term by term, without an LLM.
 *
 *   score = 100 × ( 0.55 mustHave + 0.15 niceToHave + 0.15 seniority + 0.15 recency )      (each 0–1)
 *
 *   mustHave   = Σ wᵢ·creditᵢ / Σ wᵢ over the must skills; credit: matched 1, partial 0.5, missing 0;
 *                wᵢ = 1 + 0.5 when the title names the skill or years are asked for it
 *                       + 0.25 per further counted mention (at most 2)   → 1 … 2
 *   niceToHave = Σ creditᵢ / n over the nice skills (unweighted)
 *   seniority  = 0.6 · min(1, candidate years / years asked) + 0.4 · mean over skills with years asked of
 *                min(1, years of positions naming the skill / years asked)   (only the first part when no
 *                skill has years); years asked = the description's minimum, else the level's usual minimum
 *                (intern/junior 0, mid 2, senior 5, lead 6, manager 5, staff 8, principal 10)
 *   recency    = Σ wᵢ·creditᵢ·rᵢ / Σ wᵢ·creditᵢ over matched and partial skills (must and nice), where
 *                rᵢ = 1 when last used within 12 months, falling linearly to 0 at 60 months (0 when undated),
 *                the same curve as the profile's skill strength; 0 when nothing matched
 *
 * Why these weights: must-haves are what a recruiter or an ATS screens on, so they carry most of the score;
 * nice-to-haves only separate otherwise equal candidates; years and recency qualify the matches (stale or
 * thin evidence of the right skills), so they weigh as much as the nice-to-haves. When a group is empty its
 * weight moves to the other skill group (no nice skills: must 0.70); with no skills at all, seniority is the
 * whole score (recency has nothing to measure).
 */
export const MATCH_WEIGHTS = { mustHave: 0.55, niceToHave: 0.15, seniority: 0.15, recency: 0.15 } as const;

/** The usual minimum years of a level, used when the description states none. */
export const LEVEL_YEARS: Readonly<Record<string, number>> = {
  intern: 0,
  junior: 0,
  mid: 2,
  senior: 5,
  lead: 6,
  manager: 5,
  staff: 8,
  principal: 10,
};

const CREDIT: Record<MatchStatus, number> = { matched: 1, partial: 0.5, missing: 0 };
const MAX_TERM_EVIDENCE = 3;

type Weights = { mustHave: number; niceToHave: number; seniority: number; recency: number };

export function matchCandidate(
  profile: CandidateProfileData,
  analysis: JobAnalysisResultDto,
  now: Date,
  taxonomy: SkillTaxonomy,
): MatchReport {
  const skills = new Map(profile.skills.map((skill) => [skill.id, skill]));
  const scored = analysis.skills.map((required) => {
    const term = matchTerm(required, profile.skills, skills, taxonomy);
    return { term, weight: termWeight(required), skill: matchedSkill(term, skills) };
  });
  const terms = scored.map((entry) => entry.term);

  const must = scored.filter((entry) => entry.term.importance === 'must');
  const nice = scored.filter((entry) => entry.term.importance === 'nice');
  const coverage = (entries: typeof scored, weighted: boolean) => {
    const total = entries.reduce((sum, entry) => sum + (weighted ? entry.weight : 1), 0);
    const got = entries.reduce((sum, e) => sum + (weighted ? e.weight : 1) * CREDIT[e.term.status], 0);
    return total === 0 ? 0 : got / total;
  };
  const mustHave = coverage(must, true);
  const niceToHave = coverage(nice, false);

  // Recency of what matched, weighted by importance weight × credit.
  let recencyWeight = 0;
  let recencySum = 0;
  for (const entry of scored) {
    const credit = CREDIT[entry.term.status];
    if (credit === 0 || !entry.skill) continue;
    const weight = (entry.term.importance === 'must' ? entry.weight : 1) * credit;
    recencyWeight += weight;
    recencySum += weight * recencyOf(entry.skill.signals.lastUsed, now);
  }
  const recency = recencyWeight === 0 ? 0 : recencySum / recencyWeight;

  const seniority = seniorityFit(profile, analysis, terms, now);
  const weights = effectiveWeights(must.length > 0, nice.length > 0);
  const raw =
    weights.mustHave * mustHave +
    weights.niceToHave * niceToHave +
    weights.seniority * seniority.fit +
    weights.recency * recency;

  return {
    score: Math.round(100 * raw),
    subScores: {
      mustHave: percent(mustHave),
      niceToHave: percent(niceToHave),
      seniority: percent(seniority.fit),
      recency: percent(recency),
    },
    formula: formulaOf(weights),
    terms,
    seniority: { ...seniority, fit: round(seniority.fit, 3) },
    counts: {
      matched: terms.filter((term) => term.status === 'matched').length,
      partial: terms.filter((term) => term.status === 'partial').length,
      missing: terms.filter((term) => term.status === 'missing').length,
    },
  };
}

/** The weights for a job: an empty skill group's weight moves to the other; no skills at all → seniority only. */
export function effectiveWeights(hasMust: boolean, hasNice: boolean): Weights {
  const skillWeight = MATCH_WEIGHTS.mustHave + MATCH_WEIGHTS.niceToHave;
  if (hasMust && hasNice) return { ...MATCH_WEIGHTS };
  if (hasMust) return { ...MATCH_WEIGHTS, mustHave: skillWeight, niceToHave: 0 };
  if (hasNice) return { ...MATCH_WEIGHTS, mustHave: 0, niceToHave: skillWeight };
  return { mustHave: 0, niceToHave: 0, seniority: 1, recency: 0 };
}

function formulaOf(weights: Weights): string {
  const parts = (
    [
      ['mustHave', weights.mustHave],
      ['niceToHave', weights.niceToHave],
      ['seniority', weights.seniority],
      ['recency', weights.recency],
    ] as const
  )
    .filter(([, weight]) => weight > 0)
    .map(([name, weight]) => `${weight.toFixed(2)} × ${name}`);
  return (
    `score = round(${parts.join(' + ')}), each sub-score 0–100; ` +
    'mustHave = weighted coverage (matched 1, partial 0.5; weight 1 + 0.5 if named in the title or years ' +
    'asked + 0.25 per extra mention, max 2); niceToHave = coverage; seniority = 0.6 overall years fit + ' +
    '0.4 per-skill years fit; recency = 1 within 12 months of last use, 0 at 60'
  );
}

function matchTerm(
  required: JobSkillDto,
  profileSkills: readonly ProfileSkill[],
  byId: ReadonlyMap<string, ProfileSkill>,
  taxonomy: SkillTaxonomy,
): MatchTerm {
  const base = {
    skillId: required.id,
    canonical: required.canonical,
    importance: required.importance,
    ...(required.minYears !== undefined ? { requiredYears: required.minYears } : {}),
  };
  const own = ownSkill(required, profileSkills, byId, taxonomy);
  if (own) {
    return {
      ...base,
      status: 'matched',
      strength: own.strength,
      evidence: strongestEvidence(own.evidence),
      candidateYears: own.signals.positionYears,
      explanation: explain(required, 'matched', own),
    };
  }
  const related = relatedSkill(required.id, profileSkills, taxonomy);
  if (related) {
    return {
      ...base,
      status: 'partial',
      via: { skillId: related.id, canonical: related.canonical },
      strength: related.strength,
      evidence: strongestEvidence(related.evidence),
      candidateYears: related.signals.positionYears,
      explanation: explain(required, 'partial', related),
    };
  }
  return {
    ...base,
    status: 'missing',
    evidence: [],
    explanation: explain(required, 'missing'),
  };
}

/** The profile's skill with the job skill's id; for an enrichment's addition, by name. */
function ownSkill(
  required: JobSkillDto,
  profileSkills: readonly ProfileSkill[],
  byId: ReadonlyMap<string, ProfileSkill>,
  taxonomy: SkillTaxonomy,
): ProfileSkill | undefined {
  const direct = byId.get(required.id);
  if (direct) return direct;
  const resolved = taxonomy.resolve(required.canonical)?.id;
  if (resolved && byId.has(resolved)) return byId.get(resolved);
  const name = simpleName(required.canonical);
  return profileSkills.find((skill) => simpleName(skill.canonical) === name);
}

/**
 * The strongest profile skill related to the required one: listed in its `related`, or listing it in
 * theirs (TypeScript for JavaScript, React Native for React, PostgreSQL for SQL, Kotlin for Java).
 */
function relatedSkill(
  requiredId: string,
  profileSkills: readonly ProfileSkill[],
  taxonomy: SkillTaxonomy,
): ProfileSkill | undefined {
  const forward = new Set(taxonomy.byId(requiredId)?.related ?? []);
  const candidates = profileSkills.filter(
    (skill) => forward.has(skill.id) || (taxonomy.byId(skill.id)?.related ?? []).includes(requiredId),
  );
  return [...candidates].sort((a, b) => b.strength - a.strength || a.id.localeCompare(b.id))[0];
}

function matchedSkill(term: MatchTerm, byId: ReadonlyMap<string, ProfileSkill>): ProfileSkill | undefined {
  if (term.status === 'partial' && term.via) return byId.get(term.via.skillId);
  if (term.status !== 'matched') return undefined;
  return byId.get(term.skillId) ?? [...byId.values()].find((skill) => skill.canonical === term.canonical);
}

/** wᵢ = 1 + 0.5 (named in the title or years asked) + 0.25 per further mention (at most 2). */
function termWeight(required: JobSkillDto): number {
  const emphasised = required.minYears !== undefined || required.mentions.some((m) => m.source === 'title');
  const extraMentions = Math.min(2, Math.max(0, required.mentions.length - 1));
  return 1 + (emphasised ? 0.5 : 0) + 0.25 * extraMentions;
}

/** Citations of the kinds that show use first: positions, then repositories and projects, then listings. */
export function strongestEvidence(refs: readonly EvidenceRef[], max = MAX_TERM_EVIDENCE): EvidenceRef[] {
  return refs
    .map((ref, index) => ({ ref, index, rank: evidenceRank(ref) }))
    .sort((a, b) => b.rank - a.rank || a.index - b.index)
    .slice(0, max)
    .map(({ ref }) => ref);
}

function evidenceRank(ref: EvidenceRef): number {
  if (ref.kind === 'linkedin_position' || ref.id.startsWith('json_resume:/work/')) return 4;
  if (ref.kind === 'github_repo' || ref.kind === 'github_languages') return 3;
  if (
    ref.kind === 'github_readme' ||
    ref.kind === 'linkedin_project' ||
    ref.id.startsWith('json_resume:/projects/')
  )
    return 2;
  return 1;
}

/** 1 within 12 months of the last use, linearly to 0 at 60 months; 0 when undated. */
export function recencyOf(lastUsed: string | null, now: Date): number {
  if (!lastUsed) return 0;
  const months = monthsSince(lastUsed, now);
  if (months === null) return 0;
  if (months <= 12) return 1;
  return Math.max(0, 1 - (months - 12) / 48);
}

/** Years covered by the profile's positions, overlaps counted once, to one decimal. */
export function candidateYears(profile: CandidateProfileData, now: Date): number {
  const months = coveredMonths(
    profile.positions.map((position) => ({
      start: position.startDate,
      end: position.current ? null : (position.endDate ?? position.startDate),
    })),
    now,
  );
  return round(months / 12, 1);
}

function seniorityFit(
  profile: CandidateProfileData,
  analysis: JobAnalysisResultDto,
  terms: readonly MatchTerm[],
  now: Date,
): Omit<MatchReport['seniority'], 'fit'> & { fit: number } {
  const level = analysis.seniority.level;
  const years = candidateYears(profile, now);
  const stated = analysis.minYears;
  const requiredYears = stated ?? LEVEL_YEARS[level] ?? 0;
  const overall = requiredYears <= 0 ? 1 : Math.min(1, years / requiredYears);
  const perSkill = terms.filter((term) => term.requiredYears !== undefined && term.requiredYears > 0);
  const skillFits = perSkill.map((term) =>
    term.status === 'missing' ? 0 : Math.min(1, (term.candidateYears ?? 0) / (term.requiredYears ?? 1)),
  );
  const fit =
    skillFits.length === 0
      ? overall
      : 0.6 * overall + (0.4 * skillFits.reduce((sum, value) => sum + value, 0)) / skillFits.length;

  const asked =
    stated !== undefined
      ? `${stated}+ years asked`
      : requiredYears > 0
        ? `no years stated; ${level} roles usually ask ${requiredYears}+`
        : `no years stated for a ${level} role`;
  const skillText = perSkill
    .map((term) => `${term.canonical} ${term.candidateYears ?? 0} of ${term.requiredYears} years`)
    .join(', ');
  const explanation =
    `${level}: ${asked}; ${years} years of positions (overlaps counted once)` +
    (skillText ? `; per skill: ${skillText}` : '');
  return {
    required: level,
    ...(requiredYears > 0 ? { requiredYears } : {}),
    candidateYears: years,
    fit,
    explanation,
  };
}

function explain(required: JobSkillDto, status: MatchStatus, skill?: ProfileSkill): string {
  const years =
    required.minYears !== undefined
      ? `; ${required.minYears}+ years asked, ${skill?.signals.positionYears ?? 0} in positions naming it`
      : '';
  if (!skill) return `${required.canonical}: missing — no evidence in the profile${years}`;
  const signals = skill.signals;
  const parts: string[] = [];
  if (signals.projectCount > 0) parts.push(plural(signals.projectCount, 'project'));
  if (signals.positionCount > 0) parts.push(plural(signals.positionCount, 'position'));
  if (signals.stars > 0) parts.push(plural(signals.stars, 'star'));
  const listed = signals.listedBy.map((source) => (source === 'linkedin' ? 'LinkedIn' : 'the JSON Resume'));
  if (listed.length > 0) parts.push(`listed on ${listed.join(' and ')}`);
  if (parts.length === 0) parts.push(plural(skill.evidence.length, 'citation'));
  const used = signals.lastUsed ? ` (last used ${signals.lastUsed.slice(0, 7)})` : '';
  const via = status === 'partial' ? ` via ${skill.canonical} (related)` : '';
  return `${required.canonical}: ${status}${via} — ${parts.join(', ')}${used}${years}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function simpleName(name: string): string {
  return name
    .toLowerCase()
    .replace(/^custom:/, '')
    .replace(/[^a-z0-9+#]+/g, '');
}

function percent(value: number): number {
  return Math.round(100 * value);
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
