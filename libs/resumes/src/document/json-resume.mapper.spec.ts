import { describe, expect, it } from 'vitest';

import broken from './fixtures/broken.resume.json';
import full from './fixtures/full.resume.json';
import { resumeV1 } from './fixtures/sample-documents';
import {
  fromJsonResume,
  type JsonResume,
  toJsonResume,
  toJsonResumePath,
  validateJsonResume,
  validateResumeDocument,
} from './json-resume.mapper';
import type { ResumeDocument } from './resume-document.dto';

/** The full sample without the members our model does not hold (the exact list `dropped` must report). */
function sharedFieldsOfFullSample(): JsonResume {
  const copy = structuredClone(full) as JsonResume;
  delete copy.$schema;
  delete copy.volunteer;
  delete copy.awards;
  delete copy.publications;
  delete copy.interests;
  delete copy.references;
  delete copy.meta;
  delete copy.basics?.image;
  delete copy.work?.[0].description;
  delete copy.education?.[0].location;
  delete copy.projects?.[0].entity;
  delete copy.projects?.[0].type;
  return copy;
}

/** Removes every `evidence` member, the only thing JSON Resume cannot hold. */
function withoutEvidence<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'evidence' ? undefined : v))) as T;
}

describe('fromJsonResume / toJsonResume', () => {
  it('round-trips every shared field of a full JSON Resume exactly (JSON Resume → ours → JSON Resume)', () => {
    const { document } = fromJsonResume(full);
    expect(toJsonResume(document)).toStrictEqual(sharedFieldsOfFullSample());
  });

  it('maps the full sample field by field onto our names', () => {
    const { document } = fromJsonResume(full);
    expect(document.basics).toStrictEqual({
      name: 'Mara Lindqvist',
      label: 'Senior Backend Engineer',
      email: 'mara.lindqvist@example.com',
      phone: '+46 70 123 45 67',
      url: 'https://mara.example.dev',
      location: {
        address: 'Sveavägen 44',
        postalCode: '111 34',
        city: 'Stockholm',
        countryCode: 'SE',
        region: 'Stockholm County',
      },
      profiles: [
        { network: 'GitHub', username: 'maralind', url: 'https://github.com/maralind' },
        {
          network: 'LinkedIn',
          username: 'mara-lindqvist',
          url: 'https://www.linkedin.com/in/mara-lindqvist',
        },
      ],
    });
    expect(document.summary).toBe(full.basics.summary);
    expect(document.experience[1]).toStrictEqual({
      company: 'Nordhav Data',
      position: 'Backend Engineer',
      url: 'https://nordhav.example.com',
      location: 'Gothenburg, SE',
      startDate: '2016-09-01',
      endDate: '2021-02-28',
      summary: 'Built the ingestion pipeline for maritime sensor data.',
      bullets: [
        { text: 'Designed a Kafka-based ingestion pipeline handling 2 billion events per day' },
        { text: 'Wrote the on-call runbook used by four teams' },
      ],
    });
    expect(document.skills[0]).toStrictEqual({
      name: 'Languages',
      level: 'Expert',
      items: [{ name: 'Go' }, { name: 'TypeScript' }, { name: 'SQL' }],
    });
    expect(document.certifications).toStrictEqual([
      {
        name: 'Certified Kubernetes Application Developer',
        issuer: 'CNCF',
        date: '2022-05-10',
        url: 'https://www.cncf.io/certification/ckad/',
      },
    ]);
    expect(document.projects[0]).toStrictEqual({
      name: 'pgshard',
      description: 'A small tool to split a PostgreSQL database by schema with zero downtime.',
      url: 'https://github.com/maralind/pgshard',
      startDate: '2020-01',
      endDate: '2022',
      keywords: ['Go', 'PostgreSQL', 'logical replication'],
      roles: ['Author', 'Maintainer'],
      bullets: [
        { text: 'Used in production by three companies' },
        { text: 'Handles logical replication slot cleanup' },
      ],
    });
    expect(document.languages).toStrictEqual([
      { language: 'Swedish', fluency: 'Native speaker' },
      { language: 'English', fluency: 'Full professional proficiency' },
    ]);
    expect(validateResumeDocument(document)).toEqual([]);
  });

  it('reports every JSON Resume member it does not keep, as JSON pointers', () => {
    const { dropped, converted } = fromJsonResume(full);
    expect(dropped).toEqual([
      '/$schema',
      '/volunteer',
      '/awards',
      '/publications',
      '/interests',
      '/references',
      '/meta',
      '/basics/image',
      '/work/0/description',
      '/projects/0/entity',
      '/projects/0/type',
      '/education/0/location',
    ]);
    expect(converted).toEqual([]);
  });

  it('reports unknown members (additional properties) and ignores empty ones', () => {
    const { dropped } = fromJsonResume({
      basics: { name: 'A', 'x/y': 'kept?', image: '', location: { city: 'B', planet: 'Earth' } },
      work: [{ name: 'C', position: 'D', team: 'Core', description: '' }],
      awards: [],
      meta: {},
      custom: { theme: 'even' },
    });
    expect(dropped).toEqual(['/custom', '/basics/x~1y', '/basics/location/planet', '/work/0/team']);
  });

  it('gives back ours → JSON Resume → ours with only the evidence lost', () => {
    const doc = resumeV1();
    const exported = toJsonResume(doc);
    const { document, dropped, converted } = fromJsonResume(exported);
    expect(document).toStrictEqual(withoutEvidence(doc));
    expect(dropped).toEqual([]);
    expect(converted).toEqual([]);
    expect(JSON.stringify(exported)).not.toContain('evidence');
  });

  it('exports JSON Resume names, no empty lists, and evidence-free values', () => {
    expect(toJsonResume(resumeV1())).toStrictEqual({
      basics: {
        name: 'Jane Doe',
        label: 'Backend Engineer',
        email: 'jane@example.com',
        phone: '+49 30 1234567',
        url: 'https://jane.example.dev',
        summary: 'Backend engineer who likes boring, observable systems.',
        location: { city: 'Berlin', countryCode: 'DE' },
        profiles: [{ network: 'GitHub', username: 'janedoe', url: 'https://github.com/janedoe' }],
      },
      work: [
        {
          name: 'Acme GmbH',
          location: 'Berlin',
          position: 'Backend Engineer',
          url: 'https://acme.example.com',
          startDate: '2021-03',
          highlights: [
            'Cut p99 latency of the billing API from 800 ms to 120 ms',
            'Migrated 12 services from REST polling to event streaming with Kafka',
            'Wrote the on-call runbook used by three teams',
          ],
        },
        {
          name: 'Beta Labs',
          position: 'Software Engineer',
          startDate: '2018-01',
          endDate: '2021-02',
          summary: 'Data pipelines for retail analytics.',
          highlights: ['Built the nightly ETL in Python and Airflow'],
        },
      ],
      education: [
        {
          institution: 'TU Berlin',
          url: 'https://www.tu.berlin',
          area: 'Computer Science',
          studyType: 'MSc',
          startDate: '2015',
          endDate: '2017',
          score: '1.3',
          courses: ['Distributed Systems'],
        },
      ],
      certificates: [
        {
          name: 'AWS Certified Developer',
          date: '2023-06',
          url: 'https://aws.amazon.com/certification/',
          issuer: 'Amazon Web Services',
        },
      ],
      skills: [
        { name: 'Languages', level: 'Expert', keywords: ['TypeScript', 'Go'] },
        { name: 'Datastores', keywords: ['PostgreSQL', 'Redis'] },
      ],
      languages: [
        { language: 'German', fluency: 'Native speaker' },
        { language: 'English', fluency: 'Fluent' },
      ],
      projects: [
        {
          name: 'pgshard',
          description: 'Split a PostgreSQL database by schema.',
          highlights: ['Used in production by three companies'],
          keywords: ['Go', 'PostgreSQL'],
          startDate: '2020',
          endDate: '2022',
          url: 'https://github.com/janedoe/pgshard',
          roles: ['Author'],
        },
      ],
    });
  });

  it('treats an empty list as absent where our model always has the list, and keeps optional lists as given', () => {
    const input = {
      basics: { name: 'A', profiles: [] },
      work: [],
      skills: [{ name: 'Tools', keywords: [] }],
      projects: [{ name: 'p', keywords: [], roles: [], highlights: [] }],
      education: [{ institution: 'U', courses: [] }],
    };
    const { document } = fromJsonResume(input);
    expect(document).toStrictEqual({
      basics: { name: 'A', profiles: [] },
      skills: [{ name: 'Tools', items: [] }],
      experience: [],
      projects: [{ name: 'p', keywords: [], roles: [], bullets: [] }],
      education: [{ institution: 'U', courses: [] }],
      certifications: [],
      languages: [],
    });
    expect(toJsonResume(document)).toStrictEqual({
      basics: { name: 'A', profiles: [] },
      education: [{ institution: 'U', courses: [] }],
      skills: [{ name: 'Tools' }],
      projects: [{ name: 'p', keywords: [], roles: [] }],
    });
  });

  it('flattens a work location object into our location string and says so', () => {
    const { document, dropped, converted } = fromJsonResume({
      basics: { name: 'A' },
      work: [
        {
          name: 'Pied Piper',
          position: 'CEO',
          location: { city: 'Palo Alto', region: 'California', countryCode: 'US', planet: 'Earth' },
        },
        { name: 'Hooli', position: 'Engineer', location: { postalCode: '94301', city: 'Palo Alto' } },
      ],
    });
    expect(document.experience.map((e) => e.location)).toEqual([
      'Palo Alto, California, US',
      '94301 Palo Alto',
    ]);
    expect(converted).toEqual(['/work/0/location', '/work/1/location']);
    expect(dropped).toEqual(['/work/0/location/planet']);
  });

  it('maps input that is not an object to an empty document (validation says why)', () => {
    const empty: ResumeDocument = {
      basics: { name: '' },
      skills: [],
      experience: [],
      projects: [],
      education: [],
      certifications: [],
      languages: [],
    };
    expect(fromJsonResume('nope').document).toStrictEqual(empty);
    expect(fromJsonResume(null).document).toStrictEqual(empty);
  });
});

describe('validateJsonResume', () => {
  it('accepts the full sample and what toJsonResume produces', () => {
    expect(validateJsonResume(full)).toEqual([]);
    expect(validateJsonResume(toJsonResume(resumeV1()))).toEqual([]);
  });

  it('lists the schema errors, then our model’s, per JSON Resume path, one report per cause', () => {
    expect(validateJsonResume(broken)).toEqual([
      // The official JSON Resume schema:
      { path: '/basics/email', message: 'must match format "email"' },
      { path: '/basics/url', message: 'must match format "uri"' },
      {
        path: '/work/0/startDate',
        message: 'must be a date like 2024, 2024-05 or 2024-05-17 (years 1000-2999)',
      },
      { path: '/work/0/highlights/1', message: 'must be string' },
      { path: '/languages/0/fluency', message: 'must be string' },
      // Our model, on top (valid JSON Resume, but we would not store it):
      { path: '/basics/name', message: 'is required' },
      { path: '/basics/location/countryCode', message: 'must be a two-letter country code like DE' },
      { path: '/work/0/name', message: 'is required' },
      { path: '/work/1/position', message: 'must be shorter than or equal to 120 characters' },
      {
        path: '/work/1/startDate',
        message: 'must be a date like 2024, 2024-05 or 2024-05-17 (years 1000-2999)',
      },
      { path: '/certificates/0/url', message: 'must be a URL address' },
    ]);
  });

  it('reports limits of our model at the JSON Resume path (highlights, keywords, summary)', () => {
    const errors = validateJsonResume({
      basics: { name: 'A', summary: 'x'.repeat(2001) },
      work: [{ name: 'B', position: 'C', highlights: ['ok', 'y'.repeat(501)] }],
      skills: [{ name: 'S', keywords: ['z'.repeat(61)] }],
      projects: [{ name: 'P', highlights: Array.from({ length: 21 }, (_, i) => `h${i}`) }],
    });
    expect(errors).toEqual([
      { path: '/basics/summary', message: 'must be shorter than or equal to 2000 characters' },
      { path: '/skills/0/keywords/0', message: 'must be shorter than or equal to 60 characters' },
      { path: '/work/0/highlights/1', message: 'must be shorter than or equal to 500 characters' },
      { path: '/projects/0/highlights', message: 'must contain no more than 20 elements' },
    ]);
  });

  it('reports a document that is not an object once, at the root', () => {
    expect(validateJsonResume([])).toEqual([{ path: '', message: 'must be object' }]);
  });
});

describe('toJsonResumePath', () => {
  it.each([
    ['/summary', '/basics/summary'],
    ['/basics/location/city', '/basics/location/city'],
    ['/experience/2/company', '/work/2/name'],
    ['/experience/2/bullets/3/text', '/work/2/highlights/3'],
    ['/experience/2/bullets', '/work/2/highlights'],
    ['/projects/1/bullets/0/text', '/projects/1/highlights/0'],
    ['/projects/1/name', '/projects/1/name'],
    ['/skills/0/items/4/name', '/skills/0/keywords/4'],
    ['/certifications/0/url', '/certificates/0/url'],
    ['/languages/1/fluency', '/languages/1/fluency'],
  ])('%s → %s', (ours, theirs) => {
    expect(toJsonResumePath(ours)).toBe(theirs);
  });
});
