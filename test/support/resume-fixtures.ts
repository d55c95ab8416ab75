import request from 'supertest';
import { type TestApp, type TestUser } from '@app/testing';

/** Documents for resume e2e specs. */
export function sampleDocument(overrides: Record<string, unknown> = {}) {
  return {
    basics: {
      name: 'Jane Doe',
      label: 'Backend engineer',
      email: 'jane@example.com',
      url: 'https://jane.dev',
      location: { city: 'Berlin', countryCode: 'DE' },
      profiles: [{ network: 'GitHub', username: 'janedoe', url: 'https://github.com/janedoe' }],
    },
    summary: 'Backend engineer who builds payment systems.',
    skills: [
      {
        name: 'Languages',
        items: [
          { name: 'TypeScript', evidence: [{ kind: 'github_languages', id: 'github_languages:janedoe' }] },
          { name: 'Go' },
        ],
      },
    ],
    experience: [
      {
        company: 'Acme GmbH',
        position: 'Senior Backend Engineer',
        startDate: '2021-03',
        bullets: [
          {
            text: 'Cut p99 latency of the billing API from 800 ms to 120 ms',
            evidence: [
              { kind: 'linkedin_position', id: 'linkedin_position:0', excerpt: 'billing API latency' },
            ],
          },
          { text: 'Led the migration to event sourcing' },
        ],
      },
    ],
    projects: [
      {
        name: 'ledger',
        url: 'https://github.com/janedoe/ledger',
        keywords: ['Go'],
        bullets: [{ text: 'Double-entry ledger library' }],
      },
    ],
    education: [{ institution: 'TU Berlin', area: 'Computer Science', studyType: 'MSc', endDate: '2017' }],
    certifications: [],
    languages: [{ language: 'German', fluency: 'Native' }],
    ...overrides,
  };
}

/** A JSON Resume (schema v1) using every field both models have. */
export function sampleJsonResume() {
  return {
    basics: {
      name: 'John Roe',
      label: 'Platform engineer',
      email: 'john@example.com',
      phone: '+1 555 0100',
      url: 'https://john.example',
      summary: 'Platform engineer.',
      location: {
        address: '1 Main St',
        postalCode: '94110',
        city: 'San Francisco',
        countryCode: 'US',
        region: 'California',
      },
      profiles: [{ network: 'GitHub', username: 'johnroe', url: 'https://github.com/johnroe' }],
    },
    work: [
      {
        name: 'Initech',
        position: 'Staff Engineer',
        url: 'https://initech.example',
        location: 'Remote',
        startDate: '2019-01',
        endDate: '2024-02',
        summary: 'Platform team.',
        highlights: ['Built the deploy pipeline', 'Ran the on-call rotation'],
      },
    ],
    education: [
      {
        institution: 'MIT',
        url: 'https://mit.edu',
        area: 'EECS',
        studyType: 'BSc',
        startDate: '2010',
        endDate: '2014',
        score: '4.0',
        courses: ['6.824 Distributed Systems'],
      },
    ],
    certificates: [{ name: 'CKA', date: '2022-05', issuer: 'CNCF', url: 'https://cncf.io' }],
    skills: [{ name: 'Infrastructure', level: 'Expert', keywords: ['Kubernetes', 'Terraform'] }],
    languages: [{ language: 'English', fluency: 'Native speaker' }],
    projects: [
      {
        name: 'kube-tools',
        description: 'CLI helpers',
        highlights: ['1k stars'],
        keywords: ['Go'],
        startDate: '2020',
        endDate: '2021',
        url: 'https://github.com/johnroe/kube-tools',
        roles: ['Maintainer'],
      },
    ],
  };
}

/** A real resume of `owner` with versions 1..`versions`, created over HTTP. */
export async function createResumeWithVersions(
  t: TestApp,
  owner: TestUser,
  versions = 1,
): Promise<{ resumeId: string }> {
  const created = await request(t.server)
    .post('/api/v1/resumes')
    .set('x-api-key', owner.key)
    .send({ title: 'Applied with', document: sampleDocument() })
    .expect(201);
  for (let n = 2; n <= versions; n++) {
    await request(t.server)
      .patch(`/api/v1/resumes/${created.body.id}`)
      .set('x-api-key', owner.key)
      .send({ document: { summary: `Version ${n}` } })
      .expect(200);
  }
  return { resumeId: created.body.id as string };
}
