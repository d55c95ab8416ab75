import { type EvidenceKind } from '@app/resumes';

import { type LinkedInExport, type LinkedInRecord } from '../../linkedin/linkedin-export.types';
import { type EvidenceIndex } from '../evidence-index';
import { emptyClaims, type SourceClaims, sourced, textOrNull } from './source-claims';

/** Registers a LinkedIn record as a fact: its ref is its id, its file and line its location. */
function recordRef(index: EvidenceIndex, record: LinkedInRecord, label: string, excerpt?: string) {
  const kind = record.ref.slice(0, record.ref.indexOf(':')) as EvidenceKind;
  return index.add({
    id: record.ref,
    kind,
    source: 'linkedin',
    label: `${label} (LinkedIn ${record.source.file} line ${record.source.line})`,
    location: `${record.source.file}:${record.source.line}`,
    ...(excerpt ? { excerpt } : {}),
  });
}

/** What a LinkedIn data export says, every record cited by its `ref` (`linkedin_position:2`). */
export function linkedInClaims(data: LinkedInExport, index: EvidenceIndex): SourceClaims {
  const claims = emptyClaims('linkedin');
  if (data.profile) {
    const profile = data.profile;
    const name = `${profile.firstName} ${profile.lastName}`.trim();
    const ref = recordRef(index, profile, name || 'Profile', profile.headline);
    claims.identity = {
      name: sourced(name, 'linkedin', ref),
      headline: sourced(profile.headline, 'linkedin', ref),
      summary: sourced(profile.summary, 'linkedin', ref),
      location: sourced(profile.location, 'linkedin', ref),
    };
    for (const website of profile.websites) {
      claims.links.push({ label: website.label ?? 'website', url: website.url, evidence: [ref] });
    }
    for (const handle of profile.twitterHandles) {
      const user = handle.replace(/^@/, '');
      claims.links.push({ label: 'twitter', url: `https://twitter.com/${user}`, evidence: [ref] });
    }
  }
  const primaryEmail = data.emailAddresses.find((email) => email.primary) ?? data.emailAddresses[0];
  if (primaryEmail) {
    const ref = recordRef(index, primaryEmail, primaryEmail.address);
    claims.identity.email = sourced(primaryEmail.address, 'linkedin', ref);
  }
  for (const position of data.positions) {
    const ref = recordRef(index, position, `${position.title} at ${position.company}`, position.description);
    const texts = [{ text: position.title, ref }];
    if (position.description) texts.push({ text: position.description, ref });
    claims.positions.push({
      company: position.company,
      title: position.title,
      location: textOrNull(position.location),
      startDate: position.startDate ?? null,
      endDate: position.endDate ?? null,
      current: position.endDate === undefined && position.startDate !== undefined,
      summary: textOrNull(position.description),
      highlights: [],
      sources: ['linkedin'],
      evidence: [ref],
      texts,
    });
  }
  for (const school of data.education) {
    const ref = recordRef(
      index,
      school,
      school.school,
      [school.degree, school.field].filter(Boolean).join(', '),
    );
    claims.education.push({
      institution: school.school,
      degree: textOrNull(school.degree),
      field: textOrNull(school.field),
      startDate: school.startDate ?? null,
      endDate: school.endDate ?? null,
      sources: ['linkedin'],
      evidence: [ref],
    });
  }
  for (const certification of data.certifications) {
    const ref = recordRef(index, certification, certification.name, certification.authority);
    claims.certifications.push({
      name: certification.name,
      issuer: textOrNull(certification.authority),
      date: certification.startDate ?? null,
      url: textOrNull(certification.url),
      sources: ['linkedin'],
      evidence: [ref],
    });
  }
  for (const language of data.languages) {
    const ref = recordRef(index, language, language.name, language.proficiency);
    claims.languages.push({
      name: language.name,
      proficiency: textOrNull(language.proficiency),
      sources: ['linkedin'],
      evidence: [ref],
    });
  }
  for (const project of data.projects) {
    const ref = recordRef(index, project, project.title, project.description);
    const texts = [{ text: project.title, ref }];
    if (project.description) texts.push({ text: project.description, ref });
    claims.projects.push({
      id: ref.id,
      name: project.title,
      description: textOrNull(project.description),
      url: textOrNull(project.url),
      startDate: project.startDate ?? null,
      endDate: project.endDate ?? null,
      repo: null,
      sources: ['linkedin'],
      evidence: [ref],
      texts,
      keywords: [],
      languagesRef: null,
    });
  }
  for (const skill of data.skills) {
    claims.listedSkills.push({ name: skill.name, ref: recordRef(index, skill, skill.name, skill.name) });
  }
  return claims;
}
