import { type SkillCategory } from '@app/skills';

import {
  type EvidenceRef,
  type ProfileSkill,
  type ProfileSource,
  type SkillLevel,
  type SkillSignals,
} from './candidate-profile';
import { addRef } from './evidence-index';
import { coveredMonths, laterDate, monthsSince } from './partial-date';

/**
 * A skill's strength, 0–100, from its evidence (also documented in the README):
 *
 *   strength = 100 × ( 0.25 code + 0.20 projects + 0.15 recency + 0.10 stars + 0.20 experience + 0.10 listed )
 *
 *   code       = min(1, log10(1 + language bytes) / 6)       1 MB of own code is full marks
 *   projects   = min(1, projects using it / 5)
 *   recency    = 1 when last used within 12 months, falling linearly to 0 at 60 months (0 when undated)
 *   stars      = min(1, log10(1 + stars of those repositories) / 3)   1,000 stars is full marks
 *   experience = min(1, years of positions naming it / 5)     overlapping positions counted once
 *   listed     = 1 when LinkedIn or the JSON Resume lists it as a skill
 *
 * Level: `strong` from 50, `working` from 25, else `familiar`. A skill that is only listed, with nothing
 * else behind it, scores 10: claimed, not shown.
 */
export const STRENGTH_WEIGHTS = {
  code: 0.25,
  projects: 0.2,
  recency: 0.15,
  stars: 0.1,
  experience: 0.2,
  listed: 0.1,
} as const;

export const LEVEL_THRESHOLDS: readonly (readonly [number, SkillLevel])[] = [
  [50, 'strong'],
  [25, 'working'],
  [0, 'familiar'],
];

/** At most this many citations are listed per skill (the signals count all of them). */
export const MAX_SKILL_EVIDENCE = 12;

export interface SkillRef {
  id: string;
  canonical: string;
  category: SkillCategory | 'other';
}

/** One piece of evidence for a skill. */
export type SkillObservation =
  | {
      kind: 'code';
      skill: SkillRef;
      ref: EvidenceRef;
      project: string;
      bytes: number;
      uses: boolean;
      stars: number;
      lastUsed: string | null;
    }
  | {
      kind: 'project';
      skill: SkillRef;
      ref: EvidenceRef;
      project: string;
      stars: number;
      lastUsed: string | null;
    }
  | {
      kind: 'position';
      skill: SkillRef;
      ref: EvidenceRef;
      position: number;
      start: string | null;
      end: string | null;
      lastUsed: string | null;
    }
  | { kind: 'listed'; skill: SkillRef; ref: EvidenceRef; source: ProfileSource };

const KIND_ORDER: Record<SkillObservation['kind'], number> = { code: 0, project: 1, position: 2, listed: 3 };

const clamp01 = (value: number) => Math.min(1, Math.max(0, value));

export function recencyScore(lastUsed: string | null, now: Date): number {
  if (!lastUsed) return 0;
  const months = monthsSince(lastUsed, now);
  if (months === null) return 0;
  return clamp01((60 - Math.max(12, months)) / 48);
}

export function skillStrength(signals: SkillSignals, now: Date): number {
  const score =
    STRENGTH_WEIGHTS.code * clamp01(Math.log10(1 + signals.languageBytes) / 6) +
    STRENGTH_WEIGHTS.projects * clamp01(signals.projectCount / 5) +
    STRENGTH_WEIGHTS.recency * recencyScore(signals.lastUsed, now) +
    STRENGTH_WEIGHTS.stars * clamp01(Math.log10(1 + signals.stars) / 3) +
    STRENGTH_WEIGHTS.experience * clamp01(signals.positionYears / 5) +
    STRENGTH_WEIGHTS.listed * (signals.listedBy.length > 0 ? 1 : 0);
  return Math.round(score * 100);
}

export function skillLevel(strength: number): SkillLevel {
  return LEVEL_THRESHOLDS.find(([from]) => strength >= from)?.[1] ?? 'familiar';
}

/** One skill per id from its observations, strongest first (then by name). */
export function aggregateSkills(observations: readonly SkillObservation[], now: Date): ProfileSkill[] {
  const groups = new Map<string, SkillObservation[]>();
  for (const observation of observations) {
    const group = groups.get(observation.skill.id);
    if (group) group.push(observation);
    else groups.set(observation.skill.id, [observation]);
  }
  const skills = [...groups.values()].map((group) => {
    const signals = signalsOf(group, now);
    const strength = skillStrength(signals, now);
    const evidence: EvidenceRef[] = [];
    const ordered = [...group].sort(
      (a, b) =>
        KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        (b.kind === 'code' && a.kind === 'code' ? b.bytes - a.bytes : 0),
    );
    for (const observation of ordered) {
      if (evidence.length >= MAX_SKILL_EVIDENCE) break;
      addRef(evidence, observation.ref);
    }
    const { id, canonical, category } = group[0].skill;
    return { id, canonical, category, strength, level: skillLevel(strength), signals, evidence };
  });
  return skills.sort((a, b) => b.strength - a.strength || a.canonical.localeCompare(b.canonical));
}

function signalsOf(group: readonly SkillObservation[], now: Date): SkillSignals {
  const projects = new Map<string, number>();
  const positions = new Map<number, { start: string | null; end: string | null }>();
  const listedBy: ProfileSource[] = [];
  let languageBytes = 0;
  let lastUsed: string | null = null;
  for (const observation of group) {
    if (observation.kind === 'listed') {
      if (!listedBy.includes(observation.source)) listedBy.push(observation.source);
      continue;
    }
    lastUsed = laterDate(lastUsed, observation.lastUsed);
    if (observation.kind === 'code') {
      languageBytes += observation.bytes;
      if (observation.uses) projects.set(observation.project, observation.stars);
    } else if (observation.kind === 'project') {
      projects.set(observation.project, observation.stars);
    } else {
      positions.set(observation.position, { start: observation.start, end: observation.end });
    }
  }
  const positionMonths = coveredMonths([...positions.values()], now);
  return {
    languageBytes,
    projectCount: projects.size,
    stars: [...projects.values()].reduce((sum, stars) => sum + stars, 0),
    positionCount: positions.size,
    positionYears: Math.round((positionMonths / 12) * 10) / 10,
    listedBy,
    lastUsed,
  };
}
