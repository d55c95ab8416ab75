import { type CandidateProfileData } from '@app/evidence';
import {
  type BulletDto,
  type EvidenceRefDto,
  type ExperienceDto,
  type LocationDto,
  PARTIAL_DATE,
  type ProfileLinkDto,
  type ProjectDto,
  type ResumeDocument,
  type SkillGroupDto,
} from '@app/resumes/document';

import { type DraftInput } from './draft.types';
import {
  type EvidenceId,
  selectEvidence,
  type SelectedEvidence,
  type SelectedProject,
} from './evidence-selection';

/** Skill group names by category, in the order groups appear when no job skill decides it. */
export const SKILL_GROUP_NAMES: Readonly<Record<string, string>> = {
  language: 'Languages',
  framework: 'Frameworks & libraries',
  library: 'Frameworks & libraries',
  database: 'Databases',
  cloud: 'Cloud & DevOps',
  devops: 'Cloud & DevOps',
  tool: 'Tools',
  practice: 'Practices',
  domain: 'Domains',
  soft: 'Soft skills',
  other: 'Other',
};

const NETWORK_NAMES: Readonly<Record<string, string>> = {
  github: 'GitHub',
  linkedin: 'LinkedIn',
  twitter: 'Twitter',
  gitlab: 'GitLab',
  stackoverflow: 'Stack Overflow',
};

/**
 * A complete, honest resume from the selected evidence alone, without an LLM: deterministic (same input,
 * same document). Every bullet and skill item cites facts of `profile.evidence`; the only numbers written are
 * ones the evidence holds (stars, the words of highlights) and the years covered by the positions.
 */
export function offlineDraft(input: DraftInput): ResumeDocument {
  const { profile, match } = input;
  const evidence = input.selection ?? selectEvidence(profile, input.analysis, match);
  const factIds = new Set(profile.evidence.map((fact) => fact.id));
  const urls = new Map(
    profile.evidence.filter((fact) => fact.url).map((fact) => [fact.id, fact.url as string]),
  );
  // A citation as the fact check leaves it: kind, id and the fact's URL.
  const cite = (refs: readonly EvidenceId[]): EvidenceRefDto[] =>
    refs.slice(0, 10).map((ref) => (urls.has(ref.id) ? { ...ref, url: urls.get(ref.id) } : { ...ref }));

  return {
    basics: basics(profile, evidence),
    ...summaryOf(evidence, input),
    skills: skillGroups(evidence).map((group) => ({
      ...group,
      items: group.items.map((item) => ({ ...item, evidence: cite(item.evidence ?? []) })),
    })),
    experience: evidence.positions.map((position) => {
      const entry: ExperienceDto = {
        company: cut(position.company, 120),
        position: cut(position.title, 120),
        bullets: position.bullets
          .filter((bullet) => bullet.evidence.length > 0)
          .map((bullet): BulletDto => ({ text: bullet.text, evidence: cite(bullet.evidence) })),
      };
      if (position.location) entry.location = cut(position.location, 100);
      const start = date(position.startDate);
      if (start) entry.startDate = start;
      const end = position.current ? undefined : date(position.endDate);
      if (end) entry.endDate = end;
      return entry;
    }),
    projects: evidence.projects.map((project) => {
      const entry = projectEntry(project, factIds);
      return {
        ...entry,
        bullets: entry.bullets.map((bullet) => ({ ...bullet, evidence: cite(bullet.evidence ?? []) })),
        evidence: cite(entry.evidence ?? []),
      };
    }),
    education: evidence.education.map((entry) => ({
      institution: cut(entry.institution, 150),
      ...(entry.field ? { area: cut(entry.field, 150) } : {}),
      ...(entry.degree ? { studyType: cut(entry.degree, 100) } : {}),
      ...(date(entry.startDate) ? { startDate: date(entry.startDate) } : {}),
      ...(date(entry.endDate) ? { endDate: date(entry.endDate) } : {}),
      evidence: cite(entry.evidence),
    })),
    certifications: evidence.certifications.map((entry) => ({
      name: cut(entry.name, 150),
      ...(entry.issuer ? { issuer: cut(entry.issuer, 150) } : {}),
      ...(date(entry.date) ? { date: date(entry.date) } : {}),
      ...(entry.url && httpUrl(entry.url) ? { url: entry.url } : {}),
      evidence: cite(entry.evidence),
    })),
    languages: evidence.languages.map((entry) => ({
      language: cut(capitalise(entry.name), 60),
      ...(entry.proficiency ? { fluency: cut(entry.proficiency, 60) } : {}),
    })),
  };
}

function basics(profile: CandidateProfileData, evidence: SelectedEvidence): ResumeDocument['basics'] {
  const identity = evidence.identity;
  const login = profile.evidence.find((fact) => fact.kind === 'github_profile')?.id.split(':')[1];
  const out: ResumeDocument['basics'] = { name: cut(identity.name ?? login ?? 'Candidate', 100) };
  if (identity.headline) out.label = cut(identity.headline, 200);
  if (identity.email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(identity.email)) out.email = identity.email;
  const website = identity.links.find((link) => link.label === 'website' && httpUrl(link.url));
  if (website) out.url = website.url;
  const location = locationOf(identity.location);
  if (location) out.location = location;
  const profiles: ProfileLinkDto[] = identity.links
    .filter((link) => link !== website && httpUrl(link.url))
    .map((link) => {
      const key = link.label.toLowerCase();
      const network = NETWORK_NAMES[key] ?? cut(capitalise(link.label), 50);
      const username = ['github', 'twitter', 'gitlab'].includes(key)
        ? new URL(link.url).pathname.split('/').filter(Boolean)[0]
        : undefined;
      return { network, ...(username ? { username: cut(username, 100) } : {}), url: link.url };
    });
  if (profiles.length > 0) out.profiles = profiles;
  return out;
}

/** `London, GB` → city and country code; `London, England, United Kingdom` → the city. */
function locationOf(value: string | null): LocationDto | undefined {
  if (!value) return undefined;
  const parts = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0) return undefined;
  const location: LocationDto = { city: cut(parts[0], 100) };
  const last = parts[parts.length - 1];
  if (parts.length > 1 && /^[A-Z]{2}$/.test(last)) location.countryCode = last;
  return location;
}

/** A summary of facts only: the latest title, the years of positions, the skills that match the job. */
function summaryOf(evidence: SelectedEvidence, input: DraftInput): { summary?: string } {
  const sentences: string[] = [];
  const title = evidence.positions[0]?.title ?? evidence.identity.headline;
  const years = Math.floor(input.match.seniority.candidateYears);
  const employers = [...new Set(evidence.positions.slice(0, 2).map((position) => position.company))];
  if (title) {
    const experience = years >= 1 ? ` with ${years}+ years of experience` : '';
    const at = employers.length > 0 ? ` (${employers.join(', ')})` : '';
    sentences.push(`${title}${experience}${at}.`);
  }
  if (evidence.identity.summary && evidence.identity.summary.length <= 400) {
    const own = evidence.identity.summary.trim();
    sentences.push(/[.!?]$/.test(own) ? own : `${own}.`);
  }
  const strengths = [
    ...input.match.terms.filter((term) => term.status === 'matched').map((term) => term.canonical),
    ...input.match.terms
      .filter((term) => term.status === 'partial' && term.via)
      .map((term) => term.via?.canonical ?? ''),
  ];
  const unique = [...new Set(strengths)].slice(0, 6);
  if (unique.length > 0) sentences.push(`Hands-on with ${unique.join(', ')}.`);
  const summary = sentences.join(' ');
  return summary ? { summary: cut(summary, 2000) } : {};
}

/** Skills grouped by category; groups and items in selection order (the job's skills first). */
function skillGroups(evidence: SelectedEvidence): SkillGroupDto[] {
  const groups = new Map<string, SkillGroupDto>();
  for (const skill of evidence.skills) {
    if (skill.evidence.length === 0 || skill.canonical.length > 60) continue;
    const name = SKILL_GROUP_NAMES[skill.category] ?? 'Other';
    const group = groups.get(name) ?? { name, items: [] };
    group.items.push({ name: skill.canonical, evidence: skill.evidence });
    groups.set(name, group);
  }
  return [...groups.values()].slice(0, 20);
}

function projectEntry(project: SelectedProject, factIds: ReadonlySet<string>): ProjectDto {
  const repoFacts: EvidenceId[] = project.repository
    ? (
        [
          ['github_repo', `github_repo:${project.repository}`],
          ['github_readme', `github_readme:${project.repository}`],
        ] as const
      )
        .filter(([, id]) => factIds.has(id))
        .map(([kind, id]) => ({ kind, id }))
    : [];
  const cited = [...repoFacts, ...project.evidence.filter((ref) => !repoFacts.some((r) => r.id === ref.id))];
  const entry: ProjectDto = {
    name: cut(project.name, 120),
    bullets: [{ text: projectBullet(project), evidence: cited.slice(0, 10) }],
    evidence: project.evidence.slice(0, 10),
  };
  // No `description`: the bullet already says it (the page would repeat it line for line).
  if (project.url && httpUrl(project.url)) entry.url = project.url;
  const start = date(project.startDate);
  if (start) entry.startDate = start;
  const end = date(project.endDate);
  if (end) entry.endDate = end;
  const keywords = project.skills.filter((name) => name.length <= 60).slice(0, 10);
  if (keywords.length > 0) entry.keywords = keywords;
  return entry;
}

/**
 * `Built Ledger Lite, a double-entry bookkeeping library; 340 stars on GitHub.` when the description is a noun
 * phrase ("… library"), else `Built engine-notes: Notes on …`. Numbers only from the evidence (the stars).
 */
function projectBullet(project: SelectedProject): string {
  const description = project.description?.trim().replace(/[.\s]+$/, '');
  let text = `Built ${project.name}`;
  if (description) text += nounPhrase(description) ? `, ${withArticle(description)}` : `: ${description}`;
  if (project.stars !== null && project.stars > 0) {
    text += `; ${project.stars} ${project.stars === 1 ? 'star' : 'stars'} on GitHub`;
  }
  return cut(`${text}.`, 500);
}

const THINGS =
  /\b(library|tool|toolkit|app|application|service|framework|cli|engine|api|server|client|bot|plugin|extension|sdk|game|website|site|parser|compiler|database|ledger|dashboard|platform|system|package|module|template|generator|runtime)$/i;

function nounPhrase(description: string): boolean {
  return !/[,;:]/.test(description) && THINGS.test(description);
}

/** `Double-entry bookkeeping library` → `a double-entry bookkeeping library`; keeps an existing article. */
function withArticle(description: string): string {
  const first = description.split(/\s+/)[0];
  const lower = /^[A-Z][a-z-]+$/.test(first)
    ? first.toLowerCase() + description.slice(first.length)
    : description;
  if (/^(a|an|the)\s/i.test(lower)) return lower.replace(/^(A|An|The)\s/, (word) => word.toLowerCase());
  return `${/^[aeiou]/i.test(lower) ? 'an' : 'a'} ${lower}`;
}

/** The date when a resume document accepts it (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`); timestamps to their day. */
function date(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const day = value.slice(0, 10);
  return PARTIAL_DATE.test(day) ? day : PARTIAL_DATE.test(value.slice(0, 7)) ? value.slice(0, 7) : undefined;
}

function httpUrl(url: string): boolean {
  return /^https?:\/\/[\x21-\x7e]+$/.test(url);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}
