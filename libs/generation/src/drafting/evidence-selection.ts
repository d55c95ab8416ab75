import {
  type CandidateProfileData,
  type EvidenceRef,
  type ProfilePosition,
  type ProfileProject,
  type ProfileSkill,
} from '@app/evidence';
import { monthIndex } from '@app/evidence/profile/partial-date';
import { type JobAnalysisResultDto } from '@app/job-analysis';
import { type EvidenceKind } from '@app/resumes/document';

import { type MatchReport } from '../matching/match.types';

/** A citation as the draft writes it: `{ kind, id }` of a fact of `profile.evidence`. */
export interface EvidenceId {
  kind: EvidenceKind;
  id: string;
}

export interface SelectedBullet {
  text: string;
  evidence: EvidenceId[];
}

export interface SelectedPosition {
  company: string;
  title: string;
  location: string | null;
  startDate: string | null;
  endDate: string | null;
  current: boolean;
  /** Highlights and summary sentences, each with the facts that state it. */
  bullets: SelectedBullet[];
  skills: string[];
  evidence: EvidenceId[];
}

export interface SelectedProject {
  name: string;
  description: string | null;
  url: string | null;
  startDate: string | null;
  endDate: string | null;
  repository: string | null;
  stars: number | null;
  /** Canonical names of the skills the project shows. */
  skills: string[];
  /** The job's skills the project shows (canonical names). */
  jobSkills: string[];
  /** Profile relevance boosted by overlap with the job's skills. */
  score: number;
  evidence: EvidenceId[];
}

export interface SelectedSkill {
  id: string;
  canonical: string;
  category: string;
  level: string;
  strength: number;
  /** Its standing against the job: `matched`, `partial` (evidence for a related job skill) or `other`. */
  job: 'matched' | 'partial' | 'other';
  lastUsed: string | null;
  evidence: EvidenceId[];
}

export interface SelectedFact {
  id: string;
  kind: EvidenceKind;
  label: string;
  /** The fact's own quoted words (never text from anywhere else). */
  excerpt?: string;
}

/** The evidence a draft is written from: all of it cites facts of `profile.evidence`. */
export interface SelectedEvidence {
  identity: {
    name: string | null;
    headline: string | null;
    summary: string | null;
    email: string | null;
    location: string | null;
    links: { label: string; url: string }[];
    evidence: EvidenceId[];
  };
  positions: SelectedPosition[];
  projects: SelectedProject[];
  skills: SelectedSkill[];
  education: {
    institution: string;
    degree: string | null;
    field: string | null;
    startDate: string | null;
    endDate: string | null;
    evidence: EvidenceId[];
  }[];
  certifications: {
    name: string;
    issuer: string | null;
    date: string | null;
    url: string | null;
    evidence: EvidenceId[];
  }[];
  languages: { name: string; proficiency: string | null }[];
  /** Every fact cited above, with its label and excerpt. */
  facts: SelectedFact[];
}

export const SELECTION_LIMITS = { positions: 8, bulletsPerPosition: 6, projects: 5, skills: 25 } as const;

/**
 * The evidence given to the writer (LLM or offline): positions most recent first, the own (non-fork)
 * projects ranked by relevance boosted by the job's skills they show, the skills that match the job first
 * and then the strongest others; every item with the ids of the facts behind it. (The analysis is taken for
 * the signature's sake: the match already holds what the selection needs of it.)
 */
export function selectEvidence(
  profile: CandidateProfileData,
  _analysis: JobAnalysisResultDto,
  match: MatchReport,
): SelectedEvidence {
  const matched = new Set(match.terms.filter((t) => t.status === 'matched').map((t) => t.skillId));
  const partial = new Set(
    match.terms.filter((t) => t.status === 'partial' && t.via).map((t) => t.via?.skillId ?? ''),
  );
  const canonicalOf = new Map(profile.skills.map((skill) => [skill.id, skill.canonical]));
  const skillName = (id: string) => canonicalOf.get(id) ?? id;

  const positions = [...profile.positions]
    .map((position, index) => ({ position, index }))
    .sort((a, b) => recencyKey(b.position) - recencyKey(a.position) || a.index - b.index)
    .slice(0, SELECTION_LIMITS.positions)
    .map(({ position }) => selectPosition(position, profile, skillName));

  const jobSkillWeight = new Map<string, number>();
  for (const term of match.terms) {
    if (term.status === 'missing') continue;
    const id = term.status === 'partial' && term.via ? term.via.skillId : term.skillId;
    const weight = (term.importance === 'must' ? 1 : 0.5) * (term.status === 'partial' ? 0.5 : 1);
    jobSkillWeight.set(id, Math.max(jobSkillWeight.get(id) ?? 0, weight));
  }
  const projects = profile.projects
    .filter((project) => !project.repo?.fork)
    .map((project, index) => ({ project, index, ...projectScore(project, jobSkillWeight) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, SELECTION_LIMITS.projects)
    .map(({ project, score, overlap }) => selectProject(project, score, overlap, skillName));

  const jobStanding = (skill: ProfileSkill): SelectedSkill['job'] =>
    matched.has(skill.id) ? 'matched' : partial.has(skill.id) ? 'partial' : 'other';
  const standingRank = { matched: 0, partial: 1, other: 2 } as const;
  const skills = profile.skills
    .map((skill, index) => ({ skill, index, job: jobStanding(skill) }))
    .sort(
      (a, b) =>
        standingRank[a.job] - standingRank[b.job] || b.skill.strength - a.skill.strength || a.index - b.index,
    )
    .slice(0, SELECTION_LIMITS.skills)
    .map(({ skill, job }): SelectedSkill => ({
      id: skill.id,
      canonical: skill.canonical,
      category: skill.category,
      level: skill.level,
      strength: skill.strength,
      job,
      lastUsed: skill.signals.lastUsed,
      evidence: ids(skill.evidence, 4),
    }));

  const identity = profile.identity;
  const selection: Omit<SelectedEvidence, 'facts'> = {
    identity: {
      name: identity.name?.value ?? null,
      headline: identity.headline?.value ?? null,
      summary: identity.summary?.value ?? null,
      email: identity.email?.value ?? null,
      location: identity.location?.value ?? null,
      links: identity.links.map((link) => ({ label: link.label, url: link.url })),
      evidence: ids(
        [identity.name, identity.headline, identity.summary, identity.email, identity.location].flatMap(
          (value) => value?.evidence ?? [],
        ),
        10,
      ),
    },
    positions,
    projects,
    skills,
    education: profile.education.map((entry) => ({
      institution: entry.institution,
      degree: entry.degree,
      field: entry.field,
      startDate: entry.startDate,
      endDate: entry.endDate,
      evidence: ids(entry.evidence, 4),
    })),
    certifications: profile.certifications.map((entry) => ({
      name: entry.name,
      issuer: entry.issuer,
      date: entry.date,
      url: entry.url,
      evidence: ids(entry.evidence, 4),
    })),
    languages: profile.languages.map((entry) => ({ name: entry.name, proficiency: entry.proficiency })),
  };
  return { ...selection, facts: citedFacts(selection, profile) };
}

/** Month index of the end (current: infinity) then of the start, for most-recent-first ordering. */
function recencyKey(position: ProfilePosition): number {
  const end = position.current
    ? Number.MAX_SAFE_INTEGER / 2
    : (monthIndex(position.endDate, 'end') ?? monthIndex(position.startDate, 'end') ?? 0);
  return end * 2 + (monthIndex(position.startDate, 'start') ?? 0) / 1e6;
}

function selectPosition(
  position: ProfilePosition,
  profile: CandidateProfileData,
  skillName: (id: string) => string,
): SelectedPosition {
  const own = ids(position.evidence, 10);
  // Candidate lines: highlights, the description's sentences, then the sentences the position's own facts
  // quote (a LinkedIn description the merge did not keep); a line contained in a longer one is dropped.
  const lines: string[] = [...position.highlights, ...splitSentences(position.summary ?? '')];
  for (const ref of position.evidence) {
    const excerpt = profile.evidence.find((fact) => fact.id === ref.id)?.excerpt;
    if (excerpt) lines.push(...splitSentences(excerpt));
  }
  const cleaned = lines
    .map((line) => line.replace(/^[-*•·]\s*/, '').trim())
    .filter((line) => line.length >= 3 && line.length <= 500);
  const keys = cleaned.map(plain);
  const bullets: SelectedBullet[] = [];
  const seen = new Set<string>();
  cleaned.forEach((text, index) => {
    const key = keys[index];
    if (seen.has(key) || keys.some((other) => other !== key && other.includes(key))) return;
    seen.add(key);
    // The most specific facts that state the words (a highlight's own fact, a position description).
    const stating = profile.evidence.filter(
      (fact) => fact.excerpt && plain(fact.excerpt).includes(key) && citesPosition(fact.id, position),
    );
    const evidence = stating.length > 0 ? stating.map((fact) => ({ kind: fact.kind, id: fact.id })) : own;
    bullets.push({ text, evidence: evidence.slice(0, 4) });
  });
  return {
    company: position.company,
    title: position.title,
    location: position.location,
    startDate: position.startDate,
    endDate: position.endDate,
    current: position.current,
    bullets: bullets.slice(0, SELECTION_LIMITS.bulletsPerPosition),
    skills: position.skills.map(skillName),
    evidence: own,
  };
}

/** Whether a fact belongs to the position: one of its citations, or a part of one (`/work/0/highlights/1`). */
function citesPosition(factId: string, position: ProfilePosition): boolean {
  return position.evidence.some((ref) => factId === ref.id || factId.startsWith(`${ref.id}/`));
}

function projectScore(
  project: ProfileProject,
  jobSkillWeight: ReadonlyMap<string, number>,
): { score: number; overlap: string[] } {
  const overlap = project.skills.filter((id) => jobSkillWeight.has(id));
  const boost = overlap.reduce((sum, id) => sum + (jobSkillWeight.get(id) ?? 0), 0);
  // Each job skill the project shows adds 15 points (must, matched), capped at 45.
  return { score: project.relevance + Math.min(45, 15 * boost), overlap };
}

function selectProject(
  project: ProfileProject,
  score: number,
  overlap: string[],
  skillName: (id: string) => string,
): SelectedProject {
  return {
    name: project.name,
    description: project.description,
    url: project.url ?? project.repo?.url ?? null,
    startDate: project.startDate,
    endDate: project.endDate,
    repository: project.repo?.fullName ?? null,
    stars: project.repo ? project.repo.stars : null,
    skills: project.skills.map(skillName),
    jobSkills: overlap.map(skillName),
    score: Math.round(score),
    evidence: ids(project.evidence, 6),
  };
}

function citedFacts(
  selection: Omit<SelectedEvidence, 'facts'>,
  profile: CandidateProfileData,
): SelectedFact[] {
  const cited = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (Array.isArray(record.evidence)) {
        for (const ref of record.evidence as EvidenceId[]) cited.add(ref.id);
      }
      Object.values(record).forEach(visit);
    }
  };
  visit(selection);
  return profile.evidence
    .filter((fact) => cited.has(fact.id))
    .map((fact) => ({
      id: fact.id,
      kind: fact.kind,
      label: fact.label,
      ...(fact.excerpt ? { excerpt: fact.excerpt } : {}),
    }));
}

/** `{ kind, id }` of each citation, duplicates dropped, at most `max`. */
export function ids(refs: readonly EvidenceRef[], max: number): EvidenceId[] {
  const out: EvidenceId[] = [];
  for (const ref of refs) {
    if (out.some((seen) => seen.id === ref.id)) continue;
    out.push({ kind: ref.kind, id: ref.id });
    if (out.length >= max) break;
  }
  return out;
}

/** Lines and sentences of a free text (a position description), list markers dropped. */
export function splitSentences(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => line.replace(/^\s*[-*•·]\s*/, '').split(/(?<=[.!?])\s+(?=[A-Z0-9"“(])|\s+[-•]\s+/))
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

function plain(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim();
}
