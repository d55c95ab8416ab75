import { createHash } from 'node:crypto';

import { type JsonResume } from '@app/resumes/document';
import { type SkillTaxonomy } from '@app/skills';

import { type GithubProfileSnapshot } from '../github/github-profile.snapshot';
import { type LinkedInExport } from '../linkedin/linkedin-export.types';
import {
  type CandidateProfileData,
  type EvidenceRef,
  type ProfilePosition,
  type ProfileProject,
} from './candidate-profile';
import { EvidenceIndex, excerptAround } from './evidence-index';
import { calendarDate, currentMonth, isFuture, monthIndex, notAfter } from './partial-date';
import {
  mergeCertifications,
  mergeEducation,
  mergeIdentity,
  mergeLanguages,
  mergePositions,
  mergeProjects,
} from './profile-merge.rules';
import { relevanceFactors, relevanceScore } from './project-relevance';
import { aggregateSkills, type SkillObservation, type SkillRef } from './skill-strength';
import { githubClaims } from './sources/github.extractor';
import { boundedSnapshot } from './sources/github-snapshot.limits';
import { jsonResumeClaims } from './sources/json-resume.extractor';
import { linkedInClaims } from './sources/linkedin.extractor';
import {
  type PositionClaim,
  type ProjectClaim,
  type SourceClaims,
  type TextPiece,
} from './sources/source-claims';

/** The raw material of a profile: any of the three sources (a JSON Resume already validated). */
export interface ProfileSources {
  github?: GithubProfileSnapshot;
  linkedin?: LinkedInExport;
  jsonResume?: JsonResume;
}

/** A repository language counts as "used" by the project from this share of its bytes (or as primary). */
const LANGUAGE_USE_SHARE = 0.1;

/**
 * Builds a CandidateProfile from its sources: each source's claims (sources/*), merged by the rules of
 * profile-merge.rules.ts, skills scored by skill-strength.ts and projects ranked by project-relevance.ts.
 * Pure and deterministic for given sources and `now`.
 */
export class CandidateProfileBuilder {
  constructor(private readonly taxonomy: SkillTaxonomy) {}

  build(sources: ProfileSources, now: Date): CandidateProfileData {
    const index = new EvidenceIndex();
    const claims: SourceClaims[] = [];
    if (sources.jsonResume) claims.push(jsonResumeClaims(sources.jsonResume, index, this.taxonomy));
    if (sources.linkedin) claims.push(linkedInClaims(sources.linkedin, index));
    if (sources.github) claims.push(githubClaims(boundedSnapshot(sources.github), index));

    const conflicts: CandidateProfileData['conflicts'] = [];
    const identity = mergeIdentity(claims, conflicts);
    // A position that has not started yet is not held now, whatever its missing end date says.
    const positions = mergePositions(claims, conflicts).map((position) =>
      position.current && isFuture(position.startDate, now) ? { ...position, current: false } : position,
    );
    const projects = mergeProjects(claims, conflicts);
    const education = mergeEducation(claims, conflicts);
    const certifications = mergeCertifications(claims, conflicts);
    const languages = mergeLanguages(claims, conflicts);

    const projectObservations = projects.map((project) => this.projectObservations(project, now));
    const positionObservations = positions.map((position, i) => this.positionObservations(position, i, now));
    const listed = claims.flatMap((claim) =>
      claim.listedSkills
        .filter((named) => named.name.trim() !== '')
        .map((named): SkillObservation => ({
          kind: 'listed',
          skill: this.skillFor(named.name),
          ref: named.ref,
          source: claim.source,
        })),
    );
    const skills = aggregateSkills(
      [...projectObservations.flat(), ...positionObservations.flat(), ...listed],
      now,
    );
    const order = new Map(skills.map((skill, i) => [skill.id, i]));
    const skillIds = (observations: readonly SkillObservation[]) =>
      [...new Set(observations.map((observation) => observation.skill.id))].sort(
        (a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0),
      );

    return {
      identity,
      skills,
      projects: projects
        .map((project, i) => toProject(project, skillIds(projectObservations[i]), now))
        .sort((a, b) => b.relevance - a.relevance || a.name.localeCompare(b.name)),
      positions: positions
        .map((position, i) => toPosition(position, skillIds(positionObservations[i])))
        .sort(byRecency),
      education: education.sort((a, b) => (monthIndex(b.startDate) ?? 0) - (monthIndex(a.startDate) ?? 0)),
      certifications,
      languages,
      conflicts,
      evidence: index.facts(),
    };
  }

  /** The taxonomy's skill for a name, or a `custom:` skill under the name as given. */
  private skillFor(name: string, fallbackCategory: SkillRef['category'] = 'other'): SkillRef {
    const known = this.taxonomy.resolve(name);
    if (known) return { id: known.id, canonical: known.canonical, category: known.category };
    const trimmed = name.trim();
    return {
      id: `custom:${customSlug(trimmed)}`,
      canonical: trimmed,
      category: fallbackCategory,
    };
  }

  /** Skills named in free text, each cited with the words around it. */
  private mentions(pieces: readonly TextPiece[]): { skill: SkillRef; ref: EvidenceRef }[] {
    return pieces.flatMap((piece) =>
      this.taxonomy.findMentions(piece.text).map((mention) => ({
        skill: { id: mention.id, canonical: mention.canonical, category: mention.category },
        ref: { ...piece.ref, excerpt: excerptAround(piece.text, mention.start, mention.end) },
      })),
    );
  }

  private projectObservations(project: ProjectClaim, now: Date): SkillObservation[] {
    const repo = project.repo;
    // A fork's code and text are someone else's work: it shows nothing about the candidate's skills.
    if (repo?.fork) return [];
    const stars = repo?.stars ?? 0;
    const lastUsed = notAfter(
      repo
        ? calendarDate(repo.pushedAt)
        : (project.endDate ?? (project.startDate ? currentMonth(now) : null)),
      now,
    );
    const observations: SkillObservation[] = [];
    if (repo && project.languagesRef) {
      const total = Object.values(repo.languages).reduce((sum, bytes) => sum + bytes, 0);
      for (const [language, bytes] of Object.entries(repo.languages)) {
        observations.push({
          kind: 'code',
          skill: this.skillFor(language, 'language'),
          ref: project.languagesRef,
          project: project.id,
          bytes,
          uses: language === repo.primaryLanguage || (total > 0 && bytes / total >= LANGUAGE_USE_SHARE),
          stars,
          lastUsed,
        });
      }
    }
    for (const keyword of project.keywords) {
      const known = this.taxonomy.resolve(keyword.name);
      if (!known) continue;
      const skill = { id: known.id, canonical: known.canonical, category: known.category };
      observations.push({ kind: 'project', skill, ref: keyword.ref, project: project.id, stars, lastUsed });
    }
    for (const { skill, ref } of this.mentions(project.texts)) {
      observations.push({ kind: 'project', skill, ref, project: project.id, stars, lastUsed });
    }
    return observations;
  }

  private positionObservations(position: PositionClaim, i: number, now: Date): SkillObservation[] {
    const end = position.current ? null : (position.endDate ?? position.startDate);
    const lastUsed = position.current
      ? currentMonth(now)
      : notAfter(position.endDate ?? position.startDate, now);
    return this.mentions(position.texts).map(({ skill, ref }) => ({
      kind: 'position',
      skill,
      ref,
      position: i,
      start: position.startDate,
      end,
      lastUsed,
    }));
  }
}

/** A Unicode-aware slug (`Управление проектами` → `управление-проектами`); a hash when nothing is left. */
function customSlug(name: string): string {
  const slug = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}+#]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug || createHash('sha256').update(name).digest('hex').slice(0, 12);
}

function toProject(project: ProjectClaim, skills: string[], now: Date): ProfileProject {
  const factors = relevanceFactors(project, now);
  const { texts: _texts, keywords: _keywords, languagesRef: _languagesRef, ...rest } = project;
  return { ...rest, skills, relevance: relevanceScore(factors, project), relevanceFactors: factors };
}

function toPosition(position: PositionClaim, skills: string[]): ProfilePosition {
  const { texts: _texts, ...rest } = position;
  return { ...rest, skills };
}

/** Current positions first, then by start, latest first. */
function byRecency(a: ProfilePosition, b: ProfilePosition): number {
  if (a.current !== b.current) return a.current ? -1 : 1;
  return (monthIndex(b.startDate) ?? 0) - (monthIndex(a.startDate) ?? 0);
}
