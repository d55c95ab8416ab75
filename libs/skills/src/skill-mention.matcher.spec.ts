import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { SkillTaxonomy } from './skill-taxonomy';

const taxonomy = SkillTaxonomy.shipped();
const ids = (text: string) => taxonomy.findMentions(text).map((mention) => mention.id);
const JOB_DESCRIPTION = readFileSync(join(__dirname, '../fixtures/job-description.txt'), 'utf8');

describe('findMentions: disambiguation', () => {
  it.each([
    // Go
    ['Experience with Go or Rust', ['go', 'rust']],
    ['We go the extra mile', []],
    ['Go the extra mile for our customers.', []],
    ['Services written in Go and deployed on Kubernetes.', ['go', 'kubernetes']],
    ['Golang developers wanted', ['go']],
    ['A go-to-market plan; Go-live is in May.', []],
    ["Let's Go!", []],
    // C, C++, C#, .NET
    ['C/C++', ['c', 'cpp']],
    ['C#/.NET', ['csharp', 'dotnet']],
    ['Proficient in C for embedded firmware', ['c']],
    ['a grade C result', []],
    ['reporting to the C-level and the C-suite', []],
    ['USB-C and Type C ports', []],
    ['Plan C is Washington, D.C.', []],
    // R
    ['R and Python for statistics', ['r', 'python', 'statistics']],
    ['Our R&D team', []],
    ['Grade R teachers', []],
    ['George R. R. Martin wrote it', []],
    // Java vs JavaScript
    ['Java, not JavaScript', ['java', 'javascript']],
    ['JavaScript (ES6) and TypeScript', ['javascript', 'javascript', 'typescript']],
    // Spring
    ['Spring Boot, Spring Framework', ['spring-boot', 'spring']],
    ['Java and Spring', ['java', 'spring']],
    ['starting in spring 2025', []],
    ['Spring 2025 intake', []],
    ['Spring is our busiest season.', []],
    // SQL inside other names
    ['SQL', ['sql']],
    ['PostgreSQL', ['postgresql']],
    ['MySQL', ['mysql']],
    ['NoSQL', ['nosql']],
    ['T-SQL and PL/SQL', ['tsql', 'plsql']],
    ['SQL Server', ['sql-server']],
    // Swift, Rust, Scala, Ruby
    ['We believe in swift delivery', []],
    ['Swift delivery is our motto.', []],
    ['iOS apps in Swift and Objective-C', ['ios', 'swift', 'objective-c']],
    ['Taylor Swift tickets', []],
    ['the rust belt', []],
    ['towns of the Rust Belt', []],
    ['We write Rust.', ['rust']],
    ['Scala and Akka on the JVM', ['scala', 'akka', 'jvm']],
    ['La Scala opera house', []],
    ['Ruby on Rails', ['rails']],
    ['Ruby and Rails', ['ruby', 'rails']],
    // Node.js, React vs React Native
    ['Node.js, NodeJS and node', ['nodejs', 'nodejs']],
    ['Node and TypeScript', ['nodejs', 'typescript']],
    ['a Kubernetes node pool', ['kubernetes']],
    ['React Native', ['react-native']],
    ['React and React Native', ['react', 'react-native']],
    ['React quickly to incidents.', []],
    // Other ambiguous names
    ['Make, CMake and Bazel', ['makefile', 'cmake', 'bazel']],
    ['Make an impact from day one.', []],
    ['Express.js and Flask', ['express', 'flask']],
    ['Express interest by email.', []],
    ['Dart and Flutter', ['dart', 'flutter']],
    ['A Nightmare on Elm Street', []],
    ['Julia, R or Python', ['julia', 'r', 'python']],
    ['Julia will call you.', []],
    ['ADA compliance is required.', []],
    ['Ada programming for avionics', ['ada', 'aerospace']],
    ['Blaise Pascal was a mathematician.', []],
    ['Perl scripting', ['perl']],
    ['Chef, Puppet and Ansible', ['chef', 'puppet', 'ansible']],
    ['The chef cooked; a puppet show followed.', []],
    ['Terraform modules', ['terraform']],
    ['Apache Spark and Kafka', ['apache-spark', 'kafka']],
    ['Spark joy in the team.', []],
    ['Airflow DAGs', ['airflow']],
    ['Advanced Excel skills', ['excel']],
    ['Excel at what you do.', []],
    ['Git, GitHub and GitLab', ['git', 'github', 'gitlab']],
    ['AWS, GCP or Azure', ['aws', 'gcp', 'azure']],
    ['a clear azure sky', []],
    ['Styling with SCSS, Sass or LESS', ['scss', 'sass', 'less']],
    ['Less is more.', []],
    ['Bash scripts on Linux', ['shell', 'linux']],
  ])('%j → %j', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it('finds no language in ordinary English', () => {
    const prose =
      'We go above and beyond. Red is our colour, and we ring the bell at noon. Io and Self were there. ' +
      'Keep it clean and cool, factor in lean times, max out the mask, and do not pan the pure logos. ' +
      'Make it so. Processing your application may take a while; Pony rides are not included. ' +
      'A swift response, a rust stain, a spring in our step, the express lane, an elm tree. ' +
      'Julia and Ruby met Pascal at the Apex of the hill; the chef used a flask and less salt.';
    const languages = taxonomy.findMentions(prose).filter((mention) => mention.category === 'language');
    expect(languages).toEqual([]);
  });

  it('treats one skill per bullet line as a list', () => {
    expect(ids('Languages:\n- Go\n- Rust\n- Swift')).toEqual(['go', 'rust', 'swift']);
  });
});

describe('findMentions: matches', () => {
  it('returns mentions whose text is exactly the slice at their offsets, in order, without overlap', () => {
    const text = '🚀 Ünïcode first: C++, C#, Node.js — and React Native (iOS) on AWS.';
    const mentions = taxonomy.findMentions(text);
    expect(mentions.map((mention) => mention.canonical)).toEqual([
      'C++',
      'C#',
      'Node.js',
      'React Native',
      'iOS',
      'AWS',
    ]);
    let previousEnd = 0;
    for (const mention of mentions) {
      expect(text.slice(mention.start, mention.end)).toBe(mention.text);
      expect(mention.start).toBeGreaterThanOrEqual(previousEnd);
      previousEnd = mention.end;
    }
  });

  it('keeps the written form and reports the canonical name and category', () => {
    expect(taxonomy.findMentions('We use k8s and Postgres.')).toEqual([
      { id: 'kubernetes', canonical: 'Kubernetes', category: 'devops', text: 'k8s', start: 7, end: 10 },
      {
        id: 'postgresql',
        canonical: 'PostgreSQL',
        category: 'database',
        text: 'Postgres',
        start: 15,
        end: 23,
      },
    ]);
  });

  it('prefers the longest phrase', () => {
    expect(ids('Google Cloud Platform and Amazon Web Services')).toEqual(['gcp', 'aws']);
    expect(ids('Spring Boot')).toEqual(['spring-boot']);
    expect(ids('Apache Kafka')).toEqual(['kafka']);
  });

  it('returns nothing for empty input', () => {
    expect(taxonomy.findMentions('')).toEqual([]);
  });

  it('reads a real job description: finds its stack, not its English', () => {
    const found = new Set(ids(JOB_DESCRIPTION));
    for (const id of [
      'go',
      'rust',
      'kubernetes',
      'postgresql',
      'sql',
      'kafka',
      'c',
      'cpp',
      'csharp',
      'dotnet',
      'r',
    ]) {
      expect(found, id).toContain(id);
    }
    for (const id of [
      'java',
      'javascript',
      'react',
      'react-native',
      'spring-boot',
      'makefile',
      'perl',
      'scala',
    ]) {
      expect(found, id).toContain(id);
    }
    expect(found).not.toContain('swift');
    expect(found).not.toContain('spring');
    expect(found).not.toContain('excel');
    expect(found).not.toContain('insurance');
  });

  it('reads a 5,000-character job description in well under 10 ms', () => {
    expect(JOB_DESCRIPTION.length).toBeGreaterThanOrEqual(5000);
    for (let i = 0; i < 20; i += 1) taxonomy.findMentions(JOB_DESCRIPTION);
    const runs = 50;
    const started = performance.now();
    for (let i = 0; i < runs; i += 1) taxonomy.findMentions(JOB_DESCRIPTION);
    expect((performance.now() - started) / runs).toBeLessThan(10);
  });
});

describe('findMentions: context beyond a single phrase', () => {
  it.each([
    // The longest name wins over the product or word inside it.
    ['CI with Xcode Cloud and Fastlane', ['ci-cd', 'xcode-cloud', 'fastlane']],
    ['Embedded Linux on ARM SoCs', ['embedded-linux', 'arm']],
    ['Data Vault or dimensional modelling', ['data-vault', 'dimensional-modelling']],
    ['Prisma Cloud or Wiz', ['prisma-cloud', 'wiz']],
    ['Knowledge of the S3 API', ['amazon-s3-api']],
    ['Kubeflow Pipelines or SageMaker Pipelines', ['kubeflow-pipelines', 'sagemaker-pipelines']],
    ['Reverse ETL (Hightouch or Census)', ['reverse-etl', 'hightouch', 'census']],
    ['The census counts everyone. Census data is public.', []],
    // Dashes and ampersands inside a name.
    ['Reed–Solomon erasure codes', ['reed-solomon', 'erasure-coding']],
    ['tracked in Weights & Biases', ['weights-and-biases']],
    ['coverage mapped to MITRE ATT&CK', ['mitre-attack']],
    ['Able to read a schematic', ['schematics']],
    ['See the schematic overview.', []],
    ['Our R&D team', []],
  ])('%j → %j', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it('picks the sense of an ambiguous phrase from the skills named in its sentence', () => {
    expect(ids('Deep knowledge of AWS networking and IAM')).toEqual(['aws', 'networking', 'aws-iam']);
    expect(ids('Onboard teams to our landing zone: projects, IAM, networking')).toEqual([
      'landing-zones',
      'iam',
      'networking',
    ]);
    expect(ids('Familiarity with the Unity DOTS/ECS stack')).toEqual([
      'unity-dots',
      'entity-component-system',
    ]);
    expect(ids('Kubernetes or ECS on AWS')).toEqual(['kubernetes', 'amazon-ecs', 'aws']);
    // Only the same sentence counts.
    expect(ids('We use Unity DOTS. ECS runs our services.')).toEqual(['unity-dots', 'amazon-ecs']);
  });

  it('reads a parenthesised product list with the name in front of it', () => {
    expect(ids('Integrate with Firebase (Auth, Remote Config, Cloud Messaging)')).toEqual([
      'firebase',
      'firebase-authentication',
      'firebase-remote-config',
      'firebase-cloud-messaging',
    ]);
    expect(ids('AWS experience (Lambda, ECS)')).toEqual(['aws', 'aws-lambda', 'amazon-ecs']);
    expect(ids('Deploy to Azure (App Service, Azure Functions)')).toEqual([
      'azure',
      'azure-app-service',
      'azure-functions',
    ]);
    // An item that is not a known qualified name stays what it is (or nothing).
    expect(ids('Python (pandas, whatever works)')).toEqual(['python', 'pandas']);
    const text = 'Firebase (Auth)';
    const [, auth] = taxonomy.findMentions(text);
    expect(text.slice(auth.start, auth.end)).toBe('Auth');
  });

  it('shares the last word of a coordination ("unit and integration tests")', () => {
    expect(ids('Write unit and integration tests')).toEqual(['unit-testing', 'integration-testing']);
    expect(ids('unit, integration and end-to-end tests')).toEqual([
      'unit-testing',
      'integration-testing',
      'e2e-testing',
    ]);
    expect(ids('unit/integration tests')).toEqual(['unit-testing', 'integration-testing']);
    expect(ids('Android and iOS development')).toEqual(['android', 'ios']);
    // Nothing is invented when the shorter phrase is not a skill.
    expect(ids('batch and streaming pipelines')).toEqual(['stream-processing']);
    expect(ids('bread and integration tests')).toEqual(['integration-testing']);
  });

  it('never finds an area, a sector or an everyday activity in prose, but resolves them', () => {
    expect(ids('5+ years of backend development in banking; debugging and prototyping')).toEqual([]);
    expect(taxonomy.resolve('Backend development')?.id).toBe('backend-development');
    expect(taxonomy.resolve('Banking')?.id).toBe('banking');
    expect(taxonomy.resolve('Debugging')?.id).toBe('debugging');
  });
});
