import { type CandidateProfileData } from '@app/evidence';
import { type JobAnalysisResultDto } from '@app/job-analysis';
import { type ResumeDocument } from '@app/resumes/document';
import { beforeAll, describe, expect, it } from 'vitest';

import { factCheck } from '../fact-check';
import { matchCandidate } from '../matching';
import { type MatchReport } from '../matching/match.types';
import { adaProfile, analyzeJob, BACKEND_JOB, NOW, taxonomy } from '../matching/testing/generation.fixture';
import { DRAFT_PROMPT_VERSION } from '../prompts';
import { resumeDraftSchema } from './resume-draft.schema';
import { buildDraftRequest } from './draft-request';
import { type JsonSchema } from './draft.types';
import { selectEvidence } from './evidence-selection';
import { offlineDraft } from './offline-draft';
import { validateResumeDocument } from './resume-document.validation';

/** Every `evidence` array of a document with where it is. */
function citedItems(document: ResumeDocument): { at: string; evidence: { kind: string; id: string }[] }[] {
  return [
    ...document.skills.flatMap((group, g) =>
      group.items.map((item, i) => ({ at: `skills[${g}].items[${i}]`, evidence: item.evidence ?? [] })),
    ),
    ...document.experience.flatMap((entry, e) =>
      entry.bullets.map((bullet, b) => ({
        at: `experience[${e}].bullets[${b}]`,
        evidence: bullet.evidence ?? [],
      })),
    ),
    ...document.projects.flatMap((entry, p) =>
      entry.bullets.map((bullet, b) => ({
        at: `projects[${p}].bullets[${b}]`,
        evidence: bullet.evidence ?? [],
      })),
    ),
  ];
}

describe('drafting', () => {
  let profile: CandidateProfileData;
  let analysis: JobAnalysisResultDto;
  let match: MatchReport;

  beforeAll(async () => {
    profile = await adaProfile();
    analysis = await analyzeJob(BACKEND_JOB);
    match = matchCandidate(profile, analysis, NOW, taxonomy);
  });

  describe('selectEvidence', () => {
    it('orders positions most recent first and ranks own projects by relevance and job skills', () => {
      const selection = selectEvidence(profile, analysis, match);
      expect(selection.positions.map((p) => p.company)).toEqual([
        'Analytical Engines',
        'Difference Labs Inc.',
        'Babbage & Co',
      ]);
      // The fork (someone else's code) is never offered; ledger-lite shows Go, Docker, Kubernetes, PostgreSQL.
      // engine-notes: relevance 20 + 15 × (TypeScript partial must 0.5 + React partial nice 0.25) = 31 < bernoulli's 35.
      expect(selection.projects.map((p) => [p.name, p.score])).toEqual([
        ['Ledger Lite', 115],
        ['bernoulli', 35],
        ['engine-notes', 31],
      ]);
      expect(selection.projects[0].jobSkills).toEqual(expect.arrayContaining(['Go', 'Kubernetes', 'Docker']));
      expect(selection.projects[0].stars).toBe(340);
    });

    it('lists the job’s skills first, then the strongest others, each with its evidence', () => {
      const selection = selectEvidence(profile, analysis, match);
      const standing = selection.skills.map((skill) => skill.job);
      expect(standing.slice(0, 4)).toEqual(['matched', 'matched', 'matched', 'matched']);
      expect(standing.indexOf('other')).toBeGreaterThan(standing.lastIndexOf('partial'));
      expect(selection.skills.find((skill) => skill.id === 'postgresql')?.job).toBe('partial');
      expect(selection.skills.length).toBeLessThanOrEqual(25);
    });

    it('cites only facts of the profile and quotes only their own words', () => {
      const selection = selectEvidence(profile, analysis, match);
      const facts = new Map(profile.evidence.map((fact) => [fact.id, fact]));
      const cited = JSON.stringify(selection).match(/"id":"[^"]+"/g) ?? [];
      expect(cited.length).toBeGreaterThan(20);
      for (const fact of selection.facts) {
        expect(facts.get(fact.id)?.excerpt).toBe(fact.excerpt);
        expect(facts.get(fact.id)?.label).toBe(fact.label);
      }
      const bullets = selection.positions.flatMap((position) => position.bullets);
      for (const bullet of bullets) {
        const quoted = bullet.evidence.some((ref) => {
          const words = (facts.get(ref.id)?.excerpt ?? '').toLowerCase();
          return words.includes(bullet.text.toLowerCase().replace(/[.]$/, ''));
        });
        expect(quoted, bullet.text).toBe(true);
      }
    });
  });

  describe('offlineDraft', () => {
    let document: ResumeDocument;
    beforeAll(() => {
      document = offlineDraft({ profile, analysis, match });
    });

    it('is a valid resume document', () => {
      const result = validateResumeDocument(document);
      expect(result).toEqual({ ok: true, value: document });
    });

    it('is complete: identity, summary, skills, experience, projects, education, certifications, languages', () => {
      expect(document.basics).toMatchObject({
        name: 'Ada Lovelace',
        label: 'Staff Backend Engineer',
        email: 'ada@lovelace.dev',
        location: { city: 'London', countryCode: 'GB' },
      });
      expect(document.summary).toBe(
        'Staff Backend Engineer with 10+ years of experience (Analytical Engines, Difference Labs Inc.). ' +
          'Payments and ledgers. Hands-on with Go, Apache Kafka, Docker, Kubernetes, PostgreSQL, TypeScript.',
      );
      expect(document.experience.map((entry) => [entry.company, entry.startDate, entry.endDate])).toEqual([
        ['Analytical Engines', '2021-03-15', undefined],
        ['Difference Labs Inc.', '2017-07', '2021-02'],
        ['Babbage & Co', '2016', '2016'],
      ]);
      expect(document.experience[0].bullets.map((bullet) => bullet.text)).toContain(
        'Moved the payments ledger to Go: p99 from 900 ms to 120 ms.',
      );
      expect(document.projects[0].bullets[0].text).toBe(
        'Built Ledger Lite, a double-entry bookkeeping library; 340 stars on GitHub.',
      );
      expect(document.projects[0].bullets[0].evidence?.map((ref) => ref.id)).toEqual(
        expect.arrayContaining(['github_repo:ada-l/ledger-lite', 'github_readme:ada-l/ledger-lite']),
      );
      expect(document.skills[0].items[0].name).toBe('Go');
      expect(document.education).toHaveLength(1);
      expect(document.certifications).toHaveLength(2);
      expect(document.languages.map((l) => l.language)).toEqual(['English', 'French']);
    });

    it('cites resolving evidence on every bullet and skill item', () => {
      const facts = new Map(profile.evidence.map((fact) => [fact.id, fact]));
      const items = citedItems(document);
      expect(items.length).toBeGreaterThan(20);
      for (const { at, evidence } of items) {
        expect(evidence.length, at).toBeGreaterThan(0);
        for (const ref of evidence) expect(facts.get(ref.id)?.kind, `${at} ${ref.id}`).toBe(ref.kind);
      }
    });

    it('claims none of the job’s missing skills and passes the fact check untouched', () => {
      const text = JSON.stringify(document);
      for (const missing of ['Java"', 'Java ', 'Rust', 'Terraform', 'React Native'])
        expect(text).not.toContain(missing);
      const checked = factCheck(document, profile, taxonomy);
      expect(checked.findings).toEqual([]);
      expect(checked.verdict).toBe('pass');
      expect(checked.document).toEqual(document);
    });

    it('is deterministic', () => {
      expect(offlineDraft({ profile, analysis, match })).toEqual(document);
      expect(JSON.stringify(offlineDraft({ profile, analysis, match }))).toBe(JSON.stringify(document));
    });
  });

  describe('buildDraftRequest', () => {
    it('carries the task, the prompt version, the prompts, the schema and the offline fallback', () => {
      const request = buildDraftRequest({ profile, analysis, match });
      expect(request.task).toBe('resume-draft');
      expect(request.promptVersion).toBe(DRAFT_PROMPT_VERSION);
      expect(buildDraftRequest.promptVersion).toBe('draft-v1');
      expect(request.system).toContain('untrusted DATA');
      expect(request.user).toContain('<<<EVIDENCE JSON>>>');
      expect(request.offline()).toEqual(offlineDraft({ profile, analysis, match }));
    });

    it('validates with class-validator: whitelisted, errors as "path: message"', () => {
      const request = buildDraftRequest({ profile, analysis, match });
      const document = request.offline();
      const extra = { ...document, injected: 'x', basics: { ...document.basics, secret: 1 } };
      const stripped = request.validate(extra);
      expect(stripped.ok).toBe(true);
      expect(stripped.ok && 'injected' in stripped.value).toBe(false);
      expect(stripped.ok && 'secret' in stripped.value.basics).toBe(false);

      const broken = {
        ...document,
        basics: { name: '' },
        experience: [
          {
            company: 'Acme',
            position: 'Dev',
            startDate: 'May 2020',
            bullets: [{ text: 'x', evidence: [{ kind: 'nope', id: 'a' }] }],
          },
        ],
      };
      const result = request.validate(broken);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.errors).toEqual(
          expect.arrayContaining([
            expect.stringMatching(/^basics\.name: /),
            expect.stringMatching(/^experience\.0\.startDate: /),
            expect.stringMatching(/^experience\.0\.bullets\.0\.evidence\.0\.kind: /),
          ]),
        );
      }
      expect(request.validate(null)).toEqual({ ok: false, errors: ['document: must be an object'] });
    });

    it('gives a schema in the subset Gemini and OpenAI both accept, with `{ kind, id }` evidence', () => {
      const schema = resumeDraftSchema();
      expect(buildDraftRequest({ profile, analysis, match }).schema).toEqual(schema);
      const allowed = new Set([
        'type',
        'description',
        'properties',
        'required',
        'items',
        'enum',
        'additionalProperties',
      ]);
      const walk = (node: JsonSchema, at: string): void => {
        for (const key of Object.keys(node)) expect(allowed.has(key), `${at}.${key}`).toBe(true);
        for (const key of node.required ?? [])
          expect(node.properties?.[key], `${at} requires ${key}`).toBeDefined();
        Object.entries(node.properties ?? {}).forEach(([key, child]) => walk(child, `${at}.${key}`));
        if (node.items) walk(node.items, `${at}[]`);
      };
      walk(schema, '$');
      const experience = schema.properties?.experience.items;
      const bullet = experience?.properties?.bullets.items;
      expect(bullet?.required).toEqual(['text', 'evidence']);
      expect(bullet?.properties?.evidence.items?.required).toEqual(['kind', 'id']);
      expect(bullet?.properties?.evidence.items?.properties?.kind.enum).toContain('github_repo');
      expect(JSON.stringify(schema)).not.toMatch(/\$ref|oneOf|anyOf/);
    });
  });
});
