import { SkillTaxonomy } from '@app/skills';
import { type JsonResume } from '@app/resumes/document';
import { beforeAll, describe, expect, it } from 'vitest';

import { type GithubProfileSnapshot } from '../github/github-profile.snapshot';
import { type LinkedInExport } from '../linkedin/linkedin-export.types';
import { LinkedInImportService } from '../linkedin/linkedin-import.service';
import { fullExportZip } from '../linkedin/testing/linkedin-export.fixture';
import { type CandidateProfileData, type EvidenceRef } from './candidate-profile';
import { CandidateProfileBuilder, type ProfileSources } from './candidate-profile.builder';
import { adaGithubSnapshot, adaJsonResume, PROFILE_NOW } from './testing/profile-sources.fixture';

/** Every citation in a profile, with where it was found. */
function citations(profile: CandidateProfileData): { at: string; ref: EvidenceRef }[] {
  const found: { at: string; ref: EvidenceRef }[] = [];
  const collect = (at: string, refs: EvidenceRef[]) => refs.forEach((ref) => found.push({ at, ref }));
  for (const [field, value] of Object.entries(profile.identity)) {
    if (field === 'links') continue;
    if (value && 'evidence' in value) collect(`identity.${field}`, value.evidence);
  }
  profile.identity.links.forEach((link) => collect(`link ${link.url}`, link.evidence));
  profile.skills.forEach((skill) => collect(`skill ${skill.id}`, skill.evidence));
  profile.projects.forEach((project) => collect(`project ${project.id}`, project.evidence));
  profile.positions.forEach((position) => collect(`position ${position.company}`, position.evidence));
  profile.education.forEach((entry) => collect(`education ${entry.institution}`, entry.evidence));
  profile.certifications.forEach((entry) => collect(`certification ${entry.name}`, entry.evidence));
  profile.languages.forEach((entry) => collect(`language ${entry.name}`, entry.evidence));
  return found;
}

/** The value at a JSON pointer (RFC 6901), or undefined. */
function valueAt(document: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      document,
    );
}

/** Whether a fact id points at a record that exists in the sources it claims to come from. */
function resolvesInSources(id: string, sources: ProfileSources): boolean {
  const [kind, ...rest] = id.split(':');
  const key = rest.join(':');
  const repos = sources.github?.repos ?? [];
  switch (kind) {
    case 'github_profile':
      return sources.github?.login === key;
    case 'github_repo':
      return repos.some((repo) => repo.fullName === key);
    case 'github_languages':
      return repos.some((repo) => repo.fullName === key && Object.keys(repo.languages).length > 0);
    case 'github_readme':
      return repos.some((repo) => repo.fullName === key && repo.readme !== null);
    case 'json_resume':
      return valueAt(sources.jsonResume, key) !== undefined;
    default: {
      const linkedin = sources.linkedin;
      if (!linkedin) return false;
      const records = [
        ...(linkedin.profile ? [linkedin.profile] : []),
        ...linkedin.positions,
        ...linkedin.education,
        ...linkedin.skills,
        ...linkedin.certifications,
        ...linkedin.languages,
        ...linkedin.projects,
        ...linkedin.emailAddresses,
      ];
      return records.some((record) => record.ref === id);
    }
  }
}

describe('CandidateProfileBuilder', () => {
  const builder = new CandidateProfileBuilder(SkillTaxonomy.shipped());
  let linkedin: LinkedInExport;
  let sources: ProfileSources;
  let profile: CandidateProfileData;

  beforeAll(async () => {
    linkedin = await new LinkedInImportService().importArchive(fullExportZip());
    sources = { github: adaGithubSnapshot(), linkedin, jsonResume: adaJsonResume() };
    profile = builder.build(sources, PROFILE_NOW);
  });

  describe('evidence', () => {
    it('gives every skill and project at least one citation', () => {
      expect(profile.skills.length).toBeGreaterThan(5);
      for (const skill of profile.skills) expect(skill.evidence.length, skill.id).toBeGreaterThan(0);
      for (const project of profile.projects) expect(project.evidence.length, project.id).toBeGreaterThan(0);
      for (const position of profile.positions) expect(position.evidence.length).toBeGreaterThan(0);
    });

    it('resolves every citation to a fact of the index, and every fact to a record of its source', () => {
      const facts = new Map(profile.evidence.map((fact) => [fact.id, fact]));
      const all = citations(profile);
      expect(all.length).toBeGreaterThan(40);
      for (const { at, ref } of all) {
        const fact = facts.get(ref.id);
        expect(fact, `${at} cites ${ref.id}`).toBeDefined();
        expect(fact?.kind, `${at} cites ${ref.id}`).toBe(ref.kind);
      }
      for (const fact of profile.evidence) {
        expect(resolvesInSources(fact.id, sources), `fact ${fact.id}`).toBe(true);
      }
      // The walk really covers every source.
      const kinds = new Set(all.map(({ ref }) => ref.kind));
      for (const kind of [
        'github_profile',
        'github_repo',
        'github_languages',
        'github_readme',
        'linkedin_position',
        'linkedin_skill',
        'json_resume',
      ]) {
        expect(kinds, kind).toContain(kind);
      }
    });

    it('quotes the words that name a skill in a citation from text', () => {
      const kafka = profile.skills.find((skill) => skill.id === SkillTaxonomy.shipped().resolve('Kafka')?.id);
      const fromHighlight = kafka?.evidence.find((ref) => ref.id === 'json_resume:/work/0/highlights/0');
      expect(fromHighlight?.excerpt).toContain('Kafka');
    });
  });

  describe('merge rules', () => {
    it('takes identity fields by precedence JSON Resume > LinkedIn > GitHub, recording disagreements', () => {
      expect(profile.identity.name).toMatchObject({ value: 'Ada Lovelace', source: 'json_resume' });
      expect(profile.identity.email).toMatchObject({ value: 'ada@lovelace.dev', source: 'json_resume' });
      const name = profile.conflicts.find((conflict) => conflict.field === 'identity.name');
      // LinkedIn agrees with the JSON Resume; only GitHub's differing name is discarded.
      expect(name?.discarded).toEqual([{ source: 'github', value: 'Ada King' }]);
      const email = profile.conflicts.find((conflict) => conflict.field === 'identity.email');
      expect(email?.discarded).toEqual([{ source: 'linkedin', value: 'ada@example.com' }]);
    });

    it('falls back to the next source for a field the first one lacks', () => {
      const withoutResume = builder.build({ github: adaGithubSnapshot(), linkedin }, PROFILE_NOW);
      expect(withoutResume.identity.name).toMatchObject({ value: 'Ada Lovelace', source: 'linkedin' });
      const githubOnly = builder.build({ github: adaGithubSnapshot() }, PROFILE_NOW);
      expect(githubOnly.identity.name).toMatchObject({ value: 'Ada King', source: 'github' });
      expect(githubOnly.conflicts).toEqual([]);
    });

    it('joins links that differ only in form', () => {
      const site = profile.identity.links.filter((link) => link.url.includes('ada.dev'));
      expect(site).toHaveLength(1);
      expect(site[0].evidence.map((ref) => ref.kind).sort()).toEqual([
        'github_profile',
        'json_resume',
        'linkedin_profile',
      ]);
    });

    it('joins positions at the same employer starting within 3 months, keeping the more precise date', () => {
      expect(profile.positions.map((position) => position.company)).toEqual([
        'Analytical Engines',
        'Difference Labs Inc.',
        'Babbage & Co',
      ]);
      const [current, previous, intern] = profile.positions;
      expect(current).toMatchObject({
        title: 'Staff Backend Engineer',
        startDate: '2021-03-15',
        current: true,
        endDate: null,
        sources: ['json_resume', 'linkedin'],
      });
      expect(current.evidence.map((ref) => ref.id)).toEqual(['json_resume:/work/0', 'linkedin_position:1']);
      const title = profile.conflicts.find(
        (conflict) => conflict.field === 'positions[Analytical Engines].title',
      );
      expect(title?.discarded).toEqual([{ source: 'linkedin', value: 'Senior Backend Engineer' }]);
      // Same year, same month: the day is more precise and no conflict is recorded.
      expect(
        profile.conflicts.some((conflict) => conflict.field === 'positions[Analytical Engines].startDate'),
      ).toBe(false);
      // 2017-07 (JSON Resume) against Jun 2017 (LinkedIn): joined, JSON Resume's month kept, conflict recorded.
      expect(previous).toMatchObject({ startDate: '2017-07', endDate: '2021-02', current: false });
      const start = profile.conflicts.find(
        (conflict) => conflict.field === 'positions[Difference Labs Inc.].startDate',
      );
      expect(start).toMatchObject({
        kept: { source: 'json_resume', value: '2017-07' },
        discarded: [{ source: 'linkedin', value: '2017-06' }],
      });
      expect(intern.sources).toEqual(['linkedin']);
    });

    it('keeps positions apart when the starts are more than 3 months apart', () => {
      const resume = adaJsonResume();
      resume.work = [
        { name: 'Analytical Engines Ltd', position: 'Consultant', startDate: '2019-01', endDate: '2019-06' },
      ];
      const built = builder.build({ linkedin, jsonResume: resume }, PROFILE_NOW);
      expect(built.positions.filter((position) => position.company.startsWith('Analytical'))).toHaveLength(2);
    });

    it('joins a LinkedIn or JSON Resume project to the GitHub repository it links to', () => {
      const ledger = profile.projects.find((project) => project.id === 'github_repo:ada-l/ledger-lite');
      expect(ledger).toMatchObject({
        name: 'Ledger Lite',
        description: 'Double-entry bookkeeping library',
        sources: ['github', 'json_resume', 'linkedin'],
      });
      expect(ledger?.evidence.map((ref) => ref.id)).toEqual([
        'github_repo:ada-l/ledger-lite',
        'json_resume:/projects/0',
        'linkedin_project:1',
      ]);
      expect(ledger?.repo).toMatchObject({ stars: 340, primaryLanguage: 'Go' });
      expect(profile.projects.filter((project) => /ledger/i.test(project.name))).toHaveLength(1);
    });

    it('joins education at the same institution and spoken languages by name', () => {
      expect(profile.education).toHaveLength(1);
      expect(profile.education[0]).toMatchObject({
        institution: 'University of London',
        degree: 'BSc',
        field: 'Mathematics',
        sources: ['json_resume', 'linkedin'],
      });
      expect(profile.languages.map((language) => language.name)).toEqual(['english', 'French']);
      expect(profile.languages[0]).toMatchObject({
        proficiency: 'Native',
        sources: ['json_resume', 'linkedin'],
      });
    });

    it('unites skills by taxonomy id and keeps unknown names as custom skills', () => {
      const go = profile.skills.find((skill) => skill.canonical === 'Go');
      expect(go?.signals.listedBy.sort()).toEqual(['json_resume', 'linkedin']);
      expect(profile.skills.filter((skill) => skill.canonical === 'Go')).toHaveLength(1);
      const custom = profile.skills.find((skill) => skill.id === 'custom:ledger-design');
      expect(custom).toMatchObject({
        canonical: 'Ledger design',
        category: 'other',
        strength: 10,
        level: 'familiar',
      });
      expect(custom?.evidence).toEqual([expect.objectContaining({ id: 'json_resume:/skills/0/keywords/3' })]);
      // "Backend" names a group of keywords, not a skill.
      expect(profile.skills.some((skill) => skill.canonical === 'Backend')).toBe(false);
    });
  });

  describe('skills', () => {
    it('scores code, projects, recency, stars, experience and listing, strongest first', () => {
      const go = profile.skills.find((skill) => skill.canonical === 'Go');
      expect(go?.signals).toMatchObject({
        languageBytes: 182_000,
        projectCount: 1,
        stars: 340,
        positionCount: 1,
      });
      expect(go?.signals.lastUsed).toBe('2026-11');
      expect(go?.level).toBe('strong');
      expect(profile.skills[0].canonical).toBe('Go');
      const strengths = profile.skills.map((skill) => skill.strength);
      expect([...strengths].sort((a, b) => b - a)).toEqual(strengths);
      const python = profile.skills.find((skill) => skill.canonical === 'Python');
      // 9 kB of code last pushed in 2019: some code, no recency.
      expect(python?.signals).toMatchObject({
        languageBytes: 9_000,
        projectCount: 1,
        lastUsed: '2019-05-01',
      });
      expect(python?.strength).toBeLessThan(go?.strength ?? 0);
    });

    it('ignores forks: someone else’s code is no evidence', () => {
      expect(profile.skills.some((skill) => skill.canonical === 'Rust')).toBe(false);
      const fork = profile.projects.find((project) => project.id === 'github_repo:ada-l/someone-elses-lib');
      expect(fork?.skills).toEqual([]);
    });

    it('cites the code behind a language skill first', () => {
      const typescript = profile.skills.find((skill) => skill.canonical === 'TypeScript');
      expect(typescript?.evidence[0]).toMatchObject({
        kind: 'github_languages',
        id: 'github_languages:ada-l/engine-notes',
      });
      expect(typescript?.evidence[0].excerpt).toMatch(/^TypeScript 91 %/);
    });
  });

  describe('projects', () => {
    it('ranks by relevance: stars, recency, size, documentation, pin; archived and forks penalised', () => {
      const names = profile.projects.map((project) => project.id);
      expect(names[0]).toBe('github_repo:ada-l/ledger-lite');
      const relevance = Object.fromEntries(
        profile.projects.map((project) => [project.id, project.relevance]),
      );
      const bernoulli = profile.projects.find((project) => project.id === 'github_repo:ada-l/bernoulli');
      expect(bernoulli?.relevanceFactors.pinned).toBe(1);
      expect(bernoulli?.repo?.pinned).toBe(true);
      // 900 stars and 500 kB, but a fork: halved.
      expect(relevance['github_repo:ada-l/someone-elses-lib']).toBeLessThan(
        relevance['github_repo:ada-l/ledger-lite'],
      );
      const sorted = [...profile.projects].sort((a, b) => b.relevance - a.relevance);
      expect(sorted.map((project) => project.id)).toEqual(names);
    });

    it('counts an archived repository at 70 %', () => {
      const snapshot = adaGithubSnapshot();
      const unarchived: GithubProfileSnapshot = {
        ...snapshot,
        repos: snapshot.repos.map((repo) =>
          repo.name === 'engine-notes' ? { ...repo, archived: false } : repo,
        ),
      };
      const score = (built: CandidateProfileData) =>
        built.projects.find((project) => project.name === 'engine-notes')?.relevance ?? 0;
      const archived = score(builder.build({ github: snapshot }, PROFILE_NOW));
      const active = score(builder.build({ github: unarchived }, PROFILE_NOW));
      expect(archived).toBe(Math.round(active * 0.7));
    });
  });

  describe('edge cases', () => {
    const work = (entries: NonNullable<JsonResume['work']>): JsonResume => ({
      basics: { name: 'Ada' },
      work: entries,
    });

    it('joins a year-only start with a month in the same year, keeping the month', () => {
      const built = builder.build(
        {
          linkedin: { ...linkedin, positions: [{ ...linkedin.positions[1], startDate: '2017-11' }] },
          jsonResume: work([
            { name: 'Difference Labs', position: 'Backend Engineer', startDate: '2017', endDate: '2021-02' },
          ]),
        },
        PROFILE_NOW,
      );
      expect(built.positions).toHaveLength(1);
      expect(built.positions[0]).toMatchObject({
        startDate: '2017-11',
        sources: ['json_resume', 'linkedin'],
      });
    });

    it('never joins two entries of the same source', () => {
      const built = builder.build(
        {
          jsonResume: work([
            { name: 'Acme', position: 'Go developer', startDate: '2025-01', endDate: '2025-02' },
            { name: 'Acme', position: 'Senior Go developer', startDate: '2025-03', endDate: '2026-01' },
          ]),
        },
        PROFILE_NOW,
      );
      expect(built.positions.map((position) => position.title)).toEqual([
        'Senior Go developer',
        'Go developer',
      ]);
      expect(built.conflicts).toEqual([]);
    });

    it('does not count the future: clamped years and recency, and a position not yet started is not current', () => {
      const built = builder.build(
        {
          jsonResume: work([
            { name: 'Acme', position: 'Kotlin developer', startDate: '2025-11', endDate: '2099-12' },
            { name: 'Future Co', position: 'Rust developer', startDate: '2030-01' },
          ]),
        },
        PROFILE_NOW,
      );
      const kotlin = built.skills.find((skill) => skill.canonical === 'Kotlin');
      // 2025-11 to 2026-11 inclusive: 13 months, not 74 years.
      expect(kotlin?.signals).toMatchObject({ positionYears: 1.1, lastUsed: '2026-11' });
      expect(built.positions.find((position) => position.company === 'Future Co')?.current).toBe(false);
      expect(built.skills.find((skill) => skill.canonical === 'Rust')?.signals.positionYears).toBe(0);
    });

    it('joins a project by the URL it links to before any name match', () => {
      const resume: JsonResume = {
        basics: { name: 'Ada' },
        projects: [{ name: 'ledger-lite', url: 'https://github.com/ada-l/bernoulli' }],
      };
      const built = builder.build({ github: adaGithubSnapshot(), jsonResume: resume }, PROFILE_NOW);
      const bernoulli = built.projects.find((project) => project.id === 'github_repo:ada-l/bernoulli');
      expect(bernoulli?.evidence.map((ref) => ref.id)).toContain('json_resume:/projects/0');
      const ledger = built.projects.find((project) => project.id === 'github_repo:ada-l/ledger-lite');
      expect(ledger?.sources).toEqual(['github']);
    });

    it('keeps skills in any script apart, and skips blank names', () => {
      const resume: JsonResume = {
        basics: { name: 'Ada' },
        skills: [{ name: 'Tools', keywords: ['Управление проектами', '日本語処理', '   ', '!!!'] }],
      };
      const built = builder.build({ jsonResume: resume }, PROFILE_NOW);
      const custom = built.skills.map((skill) => [skill.id, skill.canonical]);
      expect(custom).toContainEqual(['custom:управление-проектами', 'Управление проектами']);
      expect(custom).toContainEqual(['custom:日本語処理', '日本語処理']);
      expect(custom.filter(([, name]) => name === '!!!')).toEqual([
        [expect.stringMatching(/^custom:[0-9a-f]{12}$/), '!!!'],
      ]);
      expect(built.skills.every((skill) => skill.canonical.trim() !== '')).toBe(true);
    });

    it('bounds what a prolific GitHub user contributes: 300 repositories, 8,000 README characters', () => {
      const base = adaGithubSnapshot();
      const template = base.repos[0];
      const repos = Array.from({ length: 350 }, (_, i) => ({
        ...template,
        id: i,
        name: `repo-${i}`,
        fullName: `ada-l/repo-${i}`,
        htmlUrl: `https://github.com/ada-l/repo-${i}`,
        stars: i,
        readme: template.readme && { ...template.readme, text: 'Go and Kubernetes. '.repeat(1000) },
      }));
      const built = builder.build({ github: { ...base, repos } }, PROFILE_NOW);
      expect(built.projects).toHaveLength(300);
      // The most starred are kept.
      expect(built.projects.some((project) => project.name === 'repo-349')).toBe(true);
      expect(built.projects.some((project) => project.name === 'repo-0')).toBe(false);
      expect(Math.max(...built.projects.map((project) => project.repo?.readmeChars ?? 0))).toBe(8_000);
    });
  });

  it('is deterministic for the same sources and time', () => {
    expect(builder.build(sources, PROFILE_NOW)).toEqual(profile);
  });

  it('builds an empty profile from no source', () => {
    const empty = builder.build({}, PROFILE_NOW);
    expect(empty).toMatchObject({ skills: [], projects: [], positions: [], evidence: [], conflicts: [] });
    expect(empty.identity).toEqual({ links: [] });
  });

  it('reads a JSON Resume alone, citing JSON pointers', () => {
    const resume: JsonResume = adaJsonResume();
    const built = builder.build({ jsonResume: resume }, PROFILE_NOW);
    expect(
      built.evidence.every((fact) => fact.id.startsWith('json_resume:/') && fact.source === 'json_resume'),
    ).toBe(true);
    expect(built.positions[0].evidence).toEqual([expect.objectContaining({ id: 'json_resume:/work/0' })]);
  });
});
