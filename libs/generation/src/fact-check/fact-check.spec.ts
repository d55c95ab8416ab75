import { type CandidateProfileData } from '@app/evidence';
import { type ResumeDocument } from '@app/resumes/document';
import { beforeAll, describe, expect, it } from 'vitest';

import { buildDraftRequest } from '../drafting';
import { matchCandidate } from '../matching';
import {
  adaProfile,
  analyzeJob,
  BACKEND_JOB,
  INJECTION_JOB,
  noKubernetesProfile,
  NOW,
  taxonomy,
} from '../matching/testing/generation.fixture';
import { factCheck } from './fact-check';
import { numberClaims, numberSupported } from './number-claims';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('factCheck', () => {
  let profile: CandidateProfileData;
  let offline: ResumeDocument;

  beforeAll(async () => {
    profile = await adaProfile();
    const analysis = await analyzeJob(BACKEND_JOB);
    offline = buildDraftRequest({
      profile,
      analysis,
      match: matchCandidate(profile, analysis, NOW, taxonomy),
    }).offline();
  });

  it('passes an honest draft unchanged', () => {
    expect(factCheck(offline, profile, taxonomy)).toMatchObject({
      verdict: 'pass',
      findings: [],
      document: offline,
    });
  });

  it('removes an invented skill, an invented employer and an invented metric, and reports all three', () => {
    const draft = clone(offline);
    draft.skills[0].items.push({
      name: 'Rust',
      evidence: [{ kind: 'github_repo', id: 'github_repo:ada-l/ledger-lite' }],
    });
    draft.experience.splice(1, 0, {
      company: 'Globex Corporation',
      position: 'Principal Engineer',
      startDate: '2019',
      bullets: [
        {
          text: 'Led the payments team',
          evidence: [{ kind: 'linkedin_position', id: 'linkedin_position:1' }],
        },
      ],
    });
    draft.experience[0].bullets.push({
      text: 'Cut infrastructure costs by 40%',
      evidence: [{ kind: 'linkedin_position', id: 'linkedin_position:1' }],
    });
    const input = clone(draft);

    const result = factCheck(draft, profile, taxonomy);

    expect(result.verdict).toBe('warn');
    expect(result.findings).toEqual([
      expect.objectContaining({
        kind: 'skill',
        path: 'skills[0].items[6]',
        value: 'Rust',
        action: 'removed',
      }),
      expect.objectContaining({
        kind: 'number',
        path: 'experience[0].bullets[5]',
        value: '40%',
        action: 'removed',
      }),
      expect.objectContaining({
        kind: 'employer',
        path: 'experience[1].company',
        value: 'Globex Corporation',
        action: 'removed',
      }),
    ]);
    expect(result.document).toEqual(offline);
    expect(draft).toEqual(input); // the caller's draft is not changed
  });

  it('cannot be talked into a claim by the job description: an injected Kubernetes claim is removed everywhere', async () => {
    const candidate = noKubernetesProfile();
    expect(candidate.skills.map((skill) => skill.id)).not.toContain('kubernetes');
    const analysis = await analyzeJob(INJECTION_JOB);
    const match = matchCandidate(candidate, analysis, NOW, taxonomy);
    // Docker is related evidence (partial), never Kubernetes itself.
    expect(match.terms.find((term) => term.skillId === 'kubernetes')).toMatchObject({
      status: 'partial',
      via: { skillId: 'docker' },
    });
    const request = buildDraftRequest({ profile: candidate, analysis, match });
    expect(request.user).toContain('ignore previous instructions'); // quoted as data…

    // …and a model that obeyed it anyway, citing real facts to look legitimate:
    const obeyed = clone(request.offline());
    const position = candidate.positions[0];
    const cite = [{ kind: position.evidence[0].kind, id: position.evidence[0].id }];
    obeyed.summary = `Kubernetes expert with 10 years of Kubernetes. ${obeyed.summary ?? ''}`;
    obeyed.basics.label = 'Kubernetes expert';
    obeyed.skills.unshift({ name: 'Kubernetes', items: [{ name: 'Kubernetes', evidence: cite }] });
    const addedItem = obeyed.skills[1].items.push({ name: 'Kubernetes expert', evidence: cite }) - 1;
    obeyed.experience[0].bullets.unshift({ text: 'Kubernetes expert: ran every cluster', evidence: cite });
    const addedBullet = obeyed.projects[0].bullets.push({
      text: 'Deployed it on Kubernetes',
      evidence: obeyed.projects[0].evidence,
    });
    obeyed.projects[0].keywords = [...(obeyed.projects[0].keywords ?? []), 'Kubernetes'];
    const addedEntry =
      obeyed.experience.push({ company: 'Google', position: 'Kubernetes expert', bullets: [] }) - 1;
    const expectedPaths = [
      'basics.label',
      'summary.sentences[0]',
      'skills[0].items[0]',
      `skills[1].items[${addedItem}]`,
      'experience[0].bullets[0]',
      `experience[${addedEntry}].company`,
      `projects[0].keywords[${obeyed.projects[0].keywords.length - 1}]`,
      `projects[0].bullets[${addedBullet - 1}]`,
    ];

    const result = factCheck(obeyed, candidate, taxonomy);

    expect(JSON.stringify(result.document)).not.toMatch(/kubernetes|google/i);
    expect(result.verdict).toBe('warn');
    expect(result.findings.map((finding) => finding.path)).toEqual(expectedPaths);
    expect(result.findings.every((finding) => finding.action === 'removed')).toBe(true);
    expect(result.document.summary).toBe(request.offline().summary);
  });

  it('drops references that do not resolve, and a bullet or skill left without evidence', () => {
    const draft = clone(offline);
    draft.experience[0].bullets[0].evidence = [
      { kind: 'github_repo', id: 'github_repo:someone/else' },
      ...(draft.experience[0].bullets[0].evidence ?? []),
    ];
    draft.experience[0].bullets[1].evidence = [{ kind: 'manual', id: 'manual:1' }];
    draft.skills[0].items[0].evidence = [];
    const result = factCheck(draft, profile, taxonomy);
    expect(result.findings.map((f) => [f.kind, f.path])).toEqual([
      ['evidence', 'skills[0].items[0]'],
      ['evidence', 'experience[0].bullets[0].evidence'],
      ['evidence', 'experience[0].bullets[1].evidence'],
      ['evidence', 'experience[0].bullets[1]'],
    ]);
    expect(result.document.experience[0].bullets[0]).toEqual(offline.experience[0].bullets[0]);
    expect(result.document.experience[0].bullets).toHaveLength(offline.experience[0].bullets.length - 1);
    expect(result.document.skills[0].items.map((item) => item.name)).not.toContain('Go');
  });

  it('corrects titles and dates to the evidence, keeping titles another source gives', () => {
    const draft = clone(offline);
    draft.experience[0].position = 'Senior Backend Engineer'; // LinkedIn's title: supported
    draft.experience[0].endDate = '2024-01'; // current in the evidence
    draft.experience[1].position = 'CTO';
    draft.experience[1].startDate = '2015-01';
    delete draft.experience[1].endDate; // would claim a current position
    draft.education[0].endDate = '2019';
    const result = factCheck(draft, profile, taxonomy);
    expect(result.document.experience[0].position).toBe('Senior Backend Engineer');
    expect(result.document.experience[0].endDate).toBeUndefined();
    expect(result.document.experience[1]).toMatchObject({
      position: 'Backend Engineer',
      startDate: '2017-07',
      endDate: '2021-02',
    });
    expect(result.document.education[0].endDate).toBe('2017');
    expect(result.findings.map((f) => [f.kind, f.path])).toEqual([
      ['date', 'experience[0].endDate'],
      ['title', 'experience[1].position'],
      ['date', 'experience[1].startDate'],
      ['date', 'experience[1].endDate'],
      ['date', 'education[0].endDate'],
    ]);
  });

  it('checks numbers against the cited evidence however they are written', () => {
    const draft = clone(offline);
    const cite = [{ kind: 'linkedin_position' as const, id: 'linkedin_position:1' }];
    draft.experience[0].bullets = [
      { text: 'Cut p99 latency from 900ms to 120 ms', evidence: cite },
      { text: 'Mentored 4 engineers', evidence: cite },
      { text: 'Mentored 6 engineers', evidence: cite },
      {
        text: 'Cut p99 latency to 120 ms',
        evidence: [{ kind: 'json_resume', id: 'json_resume:/work/0/highlights/0' }],
      },
    ];
    draft.projects[0].bullets = [
      {
        text: 'Ledger library with 340 stars',
        evidence: [{ kind: 'github_repo', id: 'github_repo:ada-l/ledger-lite' }],
      },
      {
        text: 'Ledger library with 3400 stars',
        evidence: [{ kind: 'github_repo', id: 'github_repo:ada-l/ledger-lite' }],
      },
    ];
    const result = factCheck(draft, profile, taxonomy);
    expect(result.document.experience[0].bullets.map((b) => b.text)).toEqual([
      'Cut p99 latency from 900ms to 120 ms',
      'Mentored 4 engineers',
    ]);
    expect(result.document.projects[0].bullets.map((b) => b.text)).toEqual(['Ledger library with 340 stars']);
    expect(result.findings.filter((f) => f.kind === 'number').map((f) => f.value)).toEqual([
      '6',
      '120',
      '3400',
    ]);
  });

  it('accepts years of experience up to what the positions cover, in the summary too', () => {
    const draft = clone(offline);
    draft.summary =
      'Engineer with 10+ years of experience. Engineer with 15 years of experience. 5 years of Go.';
    const result = factCheck(draft, profile, taxonomy);
    expect(result.document.summary).toBe('Engineer with 10+ years of experience. 5 years of Go.');
    expect(result.findings).toEqual([
      expect.objectContaining({ kind: 'number', path: 'summary.sentences[1]', value: '15' }),
    ]);
    draft.summary = '7 years of Go.'; // Go: 5.8 years of positions
    expect(factCheck(draft, profile, taxonomy).document.summary).toBeUndefined();
  });

  describe('blocks', () => {
    it('a name that is not the candidate’s', () => {
      const draft = clone(offline);
      draft.basics.name = 'Ada King Lovelace';
      const result = factCheck(draft, profile, taxonomy);
      expect(result.verdict).toBe('block');
      expect(result.findings).toEqual([
        expect.objectContaining({
          severity: 'block',
          kind: 'identity',
          path: 'basics.name',
          action: 'blocked',
        }),
      ]);
    });

    it('a draft with no experience left while the profile has positions', () => {
      const draft = clone(offline);
      draft.experience = [{ company: 'Initech', position: 'Engineer', bullets: [] }];
      const result = factCheck(draft, profile, taxonomy);
      expect(result.verdict).toBe('block');
      expect(result.findings.some((f) => f.severity === 'block' && f.path === 'experience')).toBe(true);
    });

    it('a draft that lost more than half its content', () => {
      const draft = clone(offline);
      const invented = Array.from({ length: 50 }, (_, i) => ({
        name: `Madeup ${i}`,
        evidence: [{ kind: 'json_resume' as const, id: 'json_resume:/basics' }],
      }));
      draft.skills.push({ name: 'More', items: invented });
      const result = factCheck(draft, profile, taxonomy);
      expect(result.stats.removed * 2).toBeGreaterThan(result.stats.units);
      expect(result.verdict).toBe('block');
    });
  });

  it('is deterministic', () => {
    const draft = clone(offline);
    draft.skills[0].items.push({
      name: 'Haskell',
      evidence: [{ kind: 'json_resume', id: 'json_resume:/basics' }],
    });
    expect(factCheck(draft, profile, taxonomy)).toEqual(factCheck(draft, profile, taxonomy));
  });
});

describe('numberClaims', () => {
  const values = (text: string) => numberClaims(text).map((claim) => [claim.value, claim.percent]);

  it('normalises how numbers are written', () => {
    expect(values('40% and 40 % and 40 percent')).toEqual([
      [40, true],
      [40, true],
      [40, true],
    ]);
    expect(values('2B, 2 billion, 2,000,000,000 and 1.5k')).toEqual([
      [2e9, false],
      [2e9, false],
      [2e9, false],
      [1500, false],
    ]);
    expect(values('Mentored four engineers, one at a time')).toEqual([[4, false]]);
  });

  it('does not read names with digits as numbers', () => {
    expect(values('p99 on EC2 with 2FA, OAuth2 and v1.2.3')).toEqual([]);
  });

  it('compares by value, a percentage only with a percentage', () => {
    const [percent] = numberClaims('40%');
    expect(numberSupported(percent, numberClaims('40 %'))).toBe(true);
    expect(numberSupported(percent, numberClaims('40 engineers'))).toBe(false);
    const [plain] = numberClaims('4 engineers');
    expect(numberSupported(plain, numberClaims('four engineers'))).toBe(true);
  });
});
