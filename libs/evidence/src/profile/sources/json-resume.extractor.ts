import { type JsonResume, type JsonResumeLocation } from '@app/resumes/document';
import { type SkillTaxonomy } from '@app/skills';

import { type EvidenceIndex } from '../evidence-index';
import { emptyClaims, type SourceClaims, sourced, type TextPiece, textOrNull } from './source-claims';

/** The evidence id of a member of the imported JSON Resume: `json_resume:` and its JSON pointer. */
export const jsonResumeFactId = (pointer: string) => `json_resume:${pointer}`;

function flattenLocation(location: JsonResumeLocation | string | undefined): string | null {
  if (typeof location === 'string') return textOrNull(location);
  if (!location) return null;
  return textOrNull([location.city, location.region, location.countryCode].filter(Boolean).join(', '));
}

/**
 * What a (validated) JSON Resume says, every entry cited by its JSON pointer (`json_resume:/work/0`).
 * A skill group's name counts as a skill when the taxonomy knows it or the group lists no keywords (so
 * `{ name: "Frontend", keywords: ["React"] }` gives React, not a skill called Frontend).
 */
export function jsonResumeClaims(
  resume: JsonResume,
  index: EvidenceIndex,
  taxonomy: SkillTaxonomy,
): SourceClaims {
  const claims = emptyClaims('json_resume');
  const fact = (pointer: string, label: string, excerpt?: string | null) =>
    index.add({
      id: jsonResumeFactId(pointer),
      kind: 'json_resume',
      source: 'json_resume',
      label: `${label} (JSON Resume ${pointer})`,
      location: pointer,
      ...(excerpt ? { excerpt } : {}),
    });

  const basics = resume.basics ?? {};
  if (Object.keys(basics).length > 0) {
    const ref = fact('/basics', basics.name ?? 'Basics', basics.label);
    claims.identity = {
      name: sourced(basics.name, 'json_resume', ref),
      headline: sourced(basics.label, 'json_resume', ref),
      summary: sourced(basics.summary, 'json_resume', ref),
      email: sourced(basics.email, 'json_resume', ref),
      location: sourced(flattenLocation(basics.location), 'json_resume', ref),
    };
    if (basics.url) claims.links.push({ label: 'website', url: basics.url, evidence: [ref] });
    for (const profile of basics.profiles ?? []) {
      if (profile.url) {
        claims.links.push({
          label: (profile.network ?? 'profile').toLowerCase(),
          url: profile.url,
          evidence: [ref],
        });
      }
    }
  }

  (resume.work ?? []).forEach((work, i) => {
    if (!work.name || !work.position) return;
    const ref = fact(`/work/${i}`, `${work.position} at ${work.name}`, work.summary);
    const texts: TextPiece[] = [{ text: work.position, ref }];
    if (work.summary) texts.push({ text: work.summary, ref });
    const highlights = (work.highlights ?? []).filter((text) => text.trim() !== '');
    (work.highlights ?? []).forEach((text, j) => {
      if (text.trim() !== '')
        texts.push({ text, ref: fact(`/work/${i}/highlights/${j}`, work.name ?? '', text) });
    });
    claims.positions.push({
      company: work.name,
      title: work.position,
      location: flattenLocation(work.location),
      startDate: textOrNull(work.startDate),
      endDate: textOrNull(work.endDate),
      current: !work.endDate && !!work.startDate,
      summary: textOrNull(work.summary),
      highlights,
      sources: ['json_resume'],
      evidence: [ref],
      texts,
    });
  });

  (resume.education ?? []).forEach((education, i) => {
    if (!education.institution) return;
    const ref = fact(
      `/education/${i}`,
      education.institution,
      [education.studyType, education.area].filter(Boolean).join(', '),
    );
    claims.education.push({
      institution: education.institution,
      degree: textOrNull(education.studyType),
      field: textOrNull(education.area),
      startDate: textOrNull(education.startDate),
      endDate: textOrNull(education.endDate),
      sources: ['json_resume'],
      evidence: [ref],
    });
  });

  (resume.certificates ?? []).forEach((certificate, i) => {
    if (!certificate.name) return;
    const ref = fact(`/certificates/${i}`, certificate.name, certificate.issuer);
    claims.certifications.push({
      name: certificate.name,
      issuer: textOrNull(certificate.issuer),
      date: textOrNull(certificate.date),
      url: textOrNull(certificate.url),
      sources: ['json_resume'],
      evidence: [ref],
    });
  });

  (resume.languages ?? []).forEach((language, i) => {
    if (!language.language) return;
    const ref = fact(`/languages/${i}`, language.language, language.fluency);
    claims.languages.push({
      name: language.language,
      proficiency: textOrNull(language.fluency),
      sources: ['json_resume'],
      evidence: [ref],
    });
  });

  (resume.projects ?? []).forEach((project, i) => {
    if (!project.name) return;
    const ref = fact(`/projects/${i}`, project.name, project.description);
    const texts: TextPiece[] = [{ text: project.name, ref }];
    if (project.description) texts.push({ text: project.description, ref });
    for (const text of project.highlights ?? []) if (text.trim() !== '') texts.push({ text, ref });
    claims.projects.push({
      id: ref.id,
      name: project.name,
      description: textOrNull(project.description),
      url: textOrNull(project.url),
      startDate: textOrNull(project.startDate),
      endDate: textOrNull(project.endDate),
      repo: null,
      sources: ['json_resume'],
      evidence: [ref],
      texts,
      keywords: (project.keywords ?? []).map((name) => ({ name, ref })),
      languagesRef: null,
    });
  });

  (resume.skills ?? []).forEach((group, i) => {
    const keywords = (group.keywords ?? []).filter((keyword) => keyword.trim() !== '');
    if (group.name && (keywords.length === 0 || taxonomy.resolve(group.name))) {
      claims.listedSkills.push({ name: group.name, ref: fact(`/skills/${i}`, group.name, group.name) });
    }
    (group.keywords ?? []).forEach((keyword, j) => {
      if (keyword.trim() === '') return;
      claims.listedSkills.push({ name: keyword, ref: fact(`/skills/${i}/keywords/${j}`, keyword, keyword) });
    });
  });
  return claims;
}
