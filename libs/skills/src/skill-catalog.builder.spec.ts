import { describe, expect, it } from 'vitest';

import { type SkillTaxonomyData, type TaxonomyEntryData } from './skill-data.types';
import { SkillTaxonomy } from './skill-taxonomy';
import { SkillTaxonomyError } from './skill-taxonomy.errors';

/** A small, valid data set; each test breaks one thing. */
function data(overrides: Partial<SkillTaxonomyData> = {}, entries?: TaxonomyEntryData[]): SkillTaxonomyData {
  return {
    taxonomy: [
      {
        file: 'test.json',
        entries: entries ?? [
          {
            id: 'nodejs',
            canonical: 'Node.js',
            category: 'framework',
            aliases: ['Node'],
            related: ['javascript'],
          },
          { id: 'docker', canonical: 'Docker', category: 'devops' },
        ],
      },
    ],
    languages: {
      include: ['SQL'],
      mapToTaxonomy: { Dockerfile: 'docker' },
      aliases: { Go: ['Golang'] },
      related: {},
      prose: { Go: [], JavaScript: ['JS'], SQL: [] },
    },
    disambiguation: {
      aliasOwners: { node: 'nodejs' },
      cues: ['experience'],
      rules: [{ skill: 'go', phrase: 'Go', cased: ['Go'], context: 'always' }],
    },
    linguist: [
      { name: 'Go', type: 'programming', aliases: ['golang'] },
      { name: 'JavaScript', type: 'programming', aliases: ['js', 'node'] },
      { name: 'SQL', type: 'data' },
      { name: 'YAML', type: 'data' },
      { name: 'Dockerfile', type: 'programming', aliases: ['Containerfile'] },
    ],
    ...overrides,
  };
}

function errorOf(build: () => unknown): SkillTaxonomyError {
  try {
    build();
  } catch (error) {
    if (error instanceof SkillTaxonomyError) return error;
    throw error;
  }
  throw new Error('expected a SkillTaxonomyError');
}

describe('SkillTaxonomy.fromData', () => {
  it('builds a taxonomy from valid data', () => {
    const taxonomy = SkillTaxonomy.fromData(data());
    expect(taxonomy.all().map((skill) => skill.id)).toEqual(['nodejs', 'docker', 'go', 'javascript', 'sql']);
    expect(taxonomy.resolve('node')?.id).toBe('nodejs');
    expect(taxonomy.resolve('Containerfile')?.id).toBe('docker');
    expect(taxonomy.resolve('YAML')).toBeUndefined();
    expect(taxonomy.findMentions('Experience with Go, JS and SQL').map((m) => m.id)).toEqual([
      'go',
      'javascript',
      'sql',
    ]);
  });

  it('names the file and entry of a duplicate id', () => {
    const error = errorOf(() =>
      SkillTaxonomy.fromData(
        data({}, [
          { id: 'docker', canonical: 'Docker', category: 'devops' },
          { id: 'docker', canonical: 'Docker Engine', category: 'devops' },
        ]),
      ),
    );
    expect(error.entry).toBe('taxonomy/test.json#docker');
    expect(error.message).toMatch(/duplicate id "docker"/);
  });

  it('refuses a curated id that collides with a Linguist language', () => {
    const entries = [
      { id: 'go', canonical: 'Go board game', category: 'domain' },
      { id: 'docker', canonical: 'Docker', category: 'devops' },
    ];
    expect(errorOf(() => SkillTaxonomy.fromData(data({}, entries))).message).toMatch(/duplicate id "go"/);
  });

  it('refuses an unknown category', () => {
    const entries = [{ id: 'docker', canonical: 'Docker', category: 'containers' }];
    const error = errorOf(() => SkillTaxonomy.fromData(data({}, entries)));
    expect(error.entry).toBe('taxonomy/test.json#docker');
    expect(error.message).toMatch(/unknown category "containers"/);
  });

  it.each(['Docker', 'docker engine', 'docker--x', ''])('refuses the id %j', (id) => {
    const entries = [{ id, canonical: 'Docker', category: 'devops' }];
    expect(errorOf(() => SkillTaxonomy.fromData(data({}, entries))).message).toMatch(
      /"id" must be a lower-case slug/,
    );
  });

  it('refuses an entry without a canonical name or with a non-list alias field', () => {
    const noName = [{ id: 'docker', canonical: ' ', category: 'devops' }];
    expect(errorOf(() => SkillTaxonomy.fromData(data({}, noName))).message).toMatch(/"canonical"/);
    const badAliases = [{ id: 'docker', canonical: 'Docker', category: 'devops', aliases: 'Moby' }];
    const error = errorOf(() =>
      SkillTaxonomy.fromData(data({}, badAliases as unknown as TaxonomyEntryData[])),
    );
    expect(error.message).toMatch(/"aliases" must be a list/);
  });

  it('refuses an unknown related id', () => {
    const entries = [{ id: 'docker', canonical: 'Docker', category: 'devops', related: ['kubernetes'] }];
    expect(errorOf(() => SkillTaxonomy.fromData(data({}, entries))).message).toMatch(
      /related id "kubernetes"/,
    );
  });

  it('refuses an alias claimed by two skills unless aliasOwners names the owner', () => {
    const base = data();
    const error = errorOf(() =>
      SkillTaxonomy.fromData({ ...base, disambiguation: { ...base.disambiguation, aliasOwners: {} } }),
    );
    expect(error.entry).toBe('name "node"');
    expect(error.message).toMatch(/claimed by nodejs \("Node"\), javascript \("node"\)/);
    expect(error.message).toMatch(/aliasOwners/);
  });

  it('refuses an aliasOwners entry that names a skill without that name', () => {
    const base = data();
    const disambiguation = { ...base.disambiguation, aliasOwners: { node: 'docker' } };
    const error = errorOf(() => SkillTaxonomy.fromData({ ...base, disambiguation }));
    expect(error.entry).toBe('disambiguation.json aliasOwners["node"]');
  });

  it('refuses a rule for a phrase the skill does not have in prose', () => {
    const base = data();
    const rules = [{ skill: 'go', phrase: 'Golang2', cased: ['Golang2'] }];
    const error = errorOf(() =>
      SkillTaxonomy.fromData({ ...base, disambiguation: { ...base.disambiguation, rules } }),
    );
    expect(error.entry).toMatch(/^disambiguation.json rules\[0\]/);
    expect(error.message).toMatch(/not a prose phrase of skill "go"/);
  });

  it('refuses an unknown rule context and multi-word cue words', () => {
    const base = data();
    const badContext = [
      { skill: 'go', phrase: 'Go', context: 'sometimes' },
    ] as unknown as SkillTaxonomyData['disambiguation']['rules'];
    expect(
      errorOf(() =>
        SkillTaxonomy.fromData({ ...base, disambiguation: { ...base.disambiguation, rules: badContext } }),
      ).message,
    ).toMatch(/unknown context "sometimes"/);
    const cues = ['hands on'];
    expect(
      errorOf(() => SkillTaxonomy.fromData({ ...base, disambiguation: { ...base.disambiguation, cues } }))
        .message,
    ).toMatch(/"hands on" is not one word/);
  });

  it('refuses unknown Linguist names and unknown mapping targets in languages.json', () => {
    const base = data();
    const prose = { ...base.languages.prose, Gopher: [] };
    expect(
      errorOf(() => SkillTaxonomy.fromData({ ...base, languages: { ...base.languages, prose } })).entry,
    ).toBe('languages.json prose["Gopher"]');
    const mapToTaxonomy = { Dockerfile: 'containers' };
    expect(
      errorOf(() => SkillTaxonomy.fromData({ ...base, languages: { ...base.languages, mapToTaxonomy } }))
        .message,
    ).toMatch(/unknown taxonomy id "containers"/);
    const include = ['TOML'];
    expect(
      errorOf(() => SkillTaxonomy.fromData({ ...base, languages: { ...base.languages, include } })).message,
    ).toMatch(/unknown Linguist language "TOML"/);
  });

  it('keeps an entry with a kind (area, sector, activity) resolvable but out of prose', () => {
    const entries: TaxonomyEntryData[] = [
      { id: 'banking', canonical: 'Banking', category: 'domain', kind: 'sector', aliases: ['Core banking'] },
      { id: 'docker', canonical: 'Docker', category: 'devops' },
    ];
    const build = (list: TaxonomyEntryData[]) => {
      const base = data({}, list);
      return SkillTaxonomy.fromData({ ...base, disambiguation: { ...base.disambiguation, aliasOwners: {} } });
    };
    const taxonomy = build(entries);
    expect(taxonomy.resolve('core banking')?.id).toBe('banking');
    expect(taxonomy.findMentions('Banking and Docker experience').map((m) => m.id)).toEqual(['docker']);
    const bad = [{ id: 'banking', canonical: 'Banking', category: 'domain', kind: 'industry' }];
    expect(errorOf(() => build(bad)).message).toMatch(/unknown kind "industry"/);
  });

  it('checks senses: the first skill owns the phrase, the others have it among their names', () => {
    const entries: TaxonomyEntryData[] = [
      { id: 'iam', canonical: 'Identity and access management', category: 'practice', aliases: ['IAM'] },
      { id: 'aws', canonical: 'AWS', category: 'cloud' },
      { id: 'aws-iam', canonical: 'AWS IAM', category: 'cloud', resolveOnly: ['IAM'], related: ['aws'] },
      { id: 'docker', canonical: 'Docker', category: 'devops' },
    ];
    const build = (skills: string[]) => {
      const base = data({}, entries);
      const senses = [{ phrase: 'IAM', skills }];
      const aliasOwners = { iam: 'iam' };
      return SkillTaxonomy.fromData({
        ...base,
        disambiguation: { ...base.disambiguation, aliasOwners, senses },
      });
    };
    const taxonomy = build(['iam', 'aws-iam']);
    expect(taxonomy.findMentions('AWS networking and IAM').map((m) => m.id)).toEqual(['aws', 'aws-iam']);
    expect(taxonomy.findMentions('Projects, IAM and budgets').map((m) => m.id)).toEqual(['iam']);
    expect(errorOf(() => build(['aws-iam', 'iam'])).entry).toBe('disambiguation.json senses[0] ("IAM")');
    expect(errorOf(() => build(['iam', 'docker'])).message).toMatch(
      /"docker" is unknown or has no name "IAM"/,
    );
  });
});
