import { type ResumeDocument } from '@app/resumes/document';

/** A fictional, typical one-page resume: what the template previews show. */
export function sampleResume(): ResumeDocument {
  return {
    basics: {
      name: 'Alex Rivera',
      label: 'Senior Backend Engineer',
      email: 'alex.rivera@example.com',
      phone: '+1 555 010 2030',
      url: 'https://alexrivera.example.dev',
      location: { city: 'Portland', region: 'OR', countryCode: 'US' },
      profiles: [
        { network: 'GitHub', username: 'arivera', url: 'https://github.com/arivera' },
        { network: 'LinkedIn', username: 'alex-rivera', url: 'https://www.linkedin.com/in/alex-rivera' },
      ],
    },
    summary:
      'Backend engineer with eight years of building payment and data platforms in Go and TypeScript. ' +
      'I like small services, boring deployments and dashboards that explain themselves.',
    skills: [
      {
        name: 'Languages',
        items: [{ name: 'Go' }, { name: 'TypeScript' }, { name: 'Python' }, { name: 'SQL' }],
      },
      {
        name: 'Infrastructure',
        items: [{ name: 'Kubernetes' }, { name: 'Terraform' }, { name: 'AWS' }, { name: 'Docker' }],
      },
      { name: 'Data', items: [{ name: 'PostgreSQL' }, { name: 'Kafka' }, { name: 'Redis' }] },
    ],
    experience: [
      {
        company: 'Ledgerline',
        position: 'Senior Backend Engineer',
        location: 'Remote',
        startDate: '2021-03',
        bullets: [
          { text: 'Rebuilt the settlement pipeline in Go; p99 latency fell from 900 ms to 120 ms.' },
          { text: 'Designed an idempotent payments API used by 40 partner banks.' },
          { text: 'Led the move to Kubernetes with Terraform-managed AWS infrastructure.' },
        ],
      },
      {
        company: 'Northwind Data',
        position: 'Software Engineer',
        location: 'Seattle, WA',
        startDate: '2017-06',
        endDate: '2021-02',
        bullets: [
          { text: 'Built the ingestion service for 2 billion events a day on Kafka and PostgreSQL.' },
          { text: 'Cut cloud spend by 30% by right-sizing clusters and caching hot queries in Redis.' },
        ],
      },
    ],
    projects: [
      {
        name: 'ledger-lite',
        description: 'A double-entry ledger library in Go with property-based tests.',
        url: 'https://github.com/arivera/ledger-lite',
        keywords: ['Go', 'PostgreSQL'],
        bullets: [{ text: '340 stars; used in production by two fintech startups.' }],
      },
    ],
    education: [
      {
        institution: 'Oregon State University',
        studyType: 'BSc',
        area: 'Computer Science',
        startDate: '2013',
        endDate: '2017',
      },
    ],
    certifications: [
      { name: 'Certified Kubernetes Administrator', issuer: 'The Linux Foundation', date: '2022-11' },
    ],
    languages: [
      { language: 'English', fluency: 'Native' },
      { language: 'Spanish', fluency: 'Professional' },
    ],
  };
}
