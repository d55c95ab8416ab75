import { buildLinguistSkills } from './linguist-skills';
import { compileRule } from './prose-rule';
import {
  type DisambiguationData,
  type ProseRuleData,
  type SenseData,
  type SkillTaxonomyData,
} from './skill-data.types';
import { resolveKey } from './skill-keys';
import { type PhraseEntry, type Sense } from './skill-mention.matcher';
import { SkillTaxonomyError } from './skill-taxonomy.errors';
import { isPhrase, phraseKey, tokenize } from './skill-tokenizer';
import { type SkillDefinition } from './skill.types';
import { checkTaxonomyFiles, type CheckedEntry } from './taxonomy-entries';

/** The validated taxonomy, indexed for `resolve()`, `byId()` and `findMentions()`. */
export interface SkillCatalog {
  readonly skills: readonly SkillDefinition[];
  readonly byId: ReadonlyMap<string, SkillDefinition>;
  /** resolve key → skill id. */
  readonly names: ReadonlyMap<string, string>;
  /** phrase key → what the phrase means in prose. */
  readonly phrases: ReadonlyMap<string, PhraseEntry>;
  readonly cues: ReadonlySet<string>;
}

type Claims = Map<string, Map<string, string>>; // key → (skill id → the name that claims it)

function claim(claims: Claims, key: string, id: string, name: string): void {
  const claimants = claims.get(key) ?? new Map<string, string>();
  if (!claimants.has(id)) claimants.set(id, name);
  claims.set(key, claimants);
}

/** Picks the one skill a key means: its only claimant, or the owner named in `aliasOwners`. */
function settle(claims: Claims, owners: ReadonlyMap<string, string>, kind: string): Map<string, string> {
  const settled = new Map<string, string>();
  for (const [key, claimants] of claims) {
    if (claimants.size === 1) {
      settled.set(key, [...claimants.keys()][0]);
      continue;
    }
    const owner = owners.get(resolveKey(key));
    if (owner === undefined || !claimants.has(owner)) {
      const who = [...claimants].map(([id, name]) => `${id} ("${name}")`).join(', ');
      throw new SkillTaxonomyError(
        `${kind} "${key}"`,
        `ambiguous: claimed by ${who}; name the owner in disambiguation.json aliasOwners`,
      );
    }
    settled.set(key, owner);
  }
  return settled;
}

function checkOwners(
  data: DisambiguationData,
  byId: ReadonlyMap<string, SkillDefinition>,
): Map<string, string> {
  const owners = new Map<string, string>();
  for (const [name, id] of Object.entries(data.aliasOwners)) {
    const skill = byId.get(id);
    const where = `disambiguation.json aliasOwners["${name}"]`;
    if (!skill) throw new SkillTaxonomyError(where, `unknown skill id "${id}"`);
    const names = [skill.id, skill.canonical, ...skill.aliases].map(resolveKey);
    if (!names.includes(resolveKey(name))) throw new SkillTaxonomyError(where, `"${id}" has no such name`);
    owners.set(resolveKey(name), id);
  }
  return owners;
}

/** Each skill's neighbourhood: the skills it relates to and those that relate to it. */
function neighbourhoods(byId: ReadonlyMap<string, SkillDefinition>): Map<string, Set<string>> {
  const near = new Map<string, Set<string>>();
  const add = (a: string, b: string) => near.set(a, (near.get(a) ?? new Set<string>()).add(b));
  for (const skill of byId.values()) {
    for (const other of skill.related) {
      add(skill.id, other);
      add(other, skill.id);
    }
  }
  return near;
}

function checkSenses(
  senses: readonly SenseData[],
  byId: ReadonlyMap<string, SkillDefinition>,
  phrases: Map<string, PhraseEntry>,
): void {
  const near = neighbourhoods(byId);
  senses.forEach((sense, index) => {
    const where = `disambiguation.json senses[${index}] ("${sense?.phrase}")`;
    const key = typeof sense?.phrase === 'string' ? phraseKey(sense.phrase) : '';
    const found = phrases.get(key);
    if (!Array.isArray(sense?.skills) || sense.skills.length < 2 || found?.skill.id !== sense.skills[0]) {
      throw new SkillTaxonomyError(where, 'needs two or more skills, the first owning the prose phrase');
    }
    const entry = found as PhraseEntry;
    if (entry.senses) throw new SkillTaxonomyError(where, `second senses entry for "${key}"`);
    const list: Sense[] = sense.skills.map((id) => {
      const skill = byId.get(id);
      const names = skill ? [skill.canonical, ...skill.aliases].map(resolveKey) : [];
      if (!skill || !names.includes(resolveKey(sense.phrase))) {
        throw new SkillTaxonomyError(where, `"${id}" is unknown or has no name "${sense.phrase}"`);
      }
      return { skill, neighbours: near.get(id) ?? new Set<string>() };
    });
    phrases.set(key, { ...entry, senses: list });
  });
}

function isWord(value: string): boolean {
  return tokenize(value).length === 1 && tokenize(value)[0].norm === value;
}

function checkRule(rule: ProseRuleData, index: number, phrases: ReadonlyMap<string, PhraseEntry>): string {
  const where = `disambiguation.json rules[${index}] (${rule?.skill} "${rule?.phrase}")`;
  const key = typeof rule?.phrase === 'string' ? phraseKey(rule.phrase) : '';
  if (phrases.get(key)?.skill.id !== rule.skill) {
    throw new SkillTaxonomyError(where, `"${rule.phrase}" is not a prose phrase of skill "${rule.skill}"`);
  }
  if (!['none', 'sentence-start', 'always', 'list', undefined].includes(rule.context)) {
    throw new SkillTaxonomyError(where, `unknown context ${JSON.stringify(rule.context)}`);
  }
  if (rule.cased?.some((form) => phraseKey(form) !== key)) {
    throw new SkillTaxonomyError(where, '"cased" forms must spell the phrase');
  }
  const words = [...(rule.notBefore ?? []), ...(rule.notAfter ?? []), ...(rule.cues ?? [])];
  const bad = words.find((word) => word !== '#num' && !isWord(word));
  if (bad !== undefined) throw new SkillTaxonomyError(where, `"${bad}" is not one lower-case word`);
  return key;
}

/** Names that differ from the canonical name and from each other once case and separators are ignored. */
function distinctNames(canonical: string, names: readonly string[]): string[] {
  const seen = new Set([resolveKey(canonical)]);
  return names.filter((name) => !seen.has(resolveKey(name)) && seen.add(resolveKey(name)));
}

function toDefinitions(entries: readonly CheckedEntry[], extraNames: ReadonlyMap<string, readonly string[]>) {
  const byId = new Map<string, SkillDefinition>();
  const where = new Map<string, string>();
  for (const entry of entries) {
    const previous = where.get(entry.id);
    if (previous) throw new SkillTaxonomyError(entry.where, `duplicate id "${entry.id}" (also ${previous})`);
    where.set(entry.id, entry.where);
    const aliases = distinctNames(entry.canonical, [
      ...entry.aliases,
      ...entry.resolveOnly,
      ...(extraNames.get(entry.id) ?? []),
    ]);
    byId.set(entry.id, {
      id: entry.id,
      canonical: entry.canonical,
      category: entry.category,
      aliases: Object.freeze(aliases),
      related: Object.freeze([...entry.related]),
      source: entry.where.startsWith('Linguist') ? 'linguist' : 'taxonomy',
    });
  }
  for (const entry of entries) {
    const unknown = entry.related.find((id) => !byId.has(id) || id === entry.id);
    if (unknown !== undefined)
      throw new SkillTaxonomyError(entry.where, `related id "${unknown}" is unknown or itself`);
  }
  return byId;
}

/** Validates the data and builds the indexes; throws a SkillTaxonomyError naming the first bad entry. */
export function buildSkillCatalog(data: SkillTaxonomyData): SkillCatalog {
  const curated = checkTaxonomyFiles(data.taxonomy);
  const linguist = buildLinguistSkills(
    data.linguist,
    data.languages,
    new Set(curated.map((entry) => entry.id)),
  );
  const entries = [...curated, ...linguist.languages.map((language) => language.entry)];
  const byId = toDefinitions(entries, linguist.extraNames);
  const owners = checkOwners(data.disambiguation, byId);

  const nameClaims: Claims = new Map();
  for (const skill of byId.values()) {
    for (const name of [skill.id, skill.canonical, ...skill.aliases])
      claim(nameClaims, resolveKey(name), skill.id, name);
  }
  const phraseClaims: Claims = new Map();
  const proseNames = [
    // An 'area' or 'sector' entry names the field a job is in, not a skill it asks for: never in prose.
    ...curated.map((entry) => ({
      id: entry.id,
      names: entry.kind === undefined ? [entry.canonical, ...entry.aliases] : [],
    })),
    ...linguist.languages.map((language) => ({ id: language.entry.id, names: language.prose })),
  ];
  for (const { id, names } of proseNames) {
    for (const name of names.filter(isPhrase)) claim(phraseClaims, phraseKey(name), id, name);
  }
  const names = settle(nameClaims, owners, 'name');
  const phraseOwners = settle(phraseClaims, owners, 'prose phrase');

  const phrases = new Map<string, PhraseEntry>();
  for (const [key, id] of phraseOwners) phrases.set(key, { skill: byId.get(id) as SkillDefinition });
  data.disambiguation.rules.forEach((rule, index) => {
    const key = checkRule(rule, index, phrases);
    const entry = phrases.get(key) as PhraseEntry;
    if (entry.rule)
      throw new SkillTaxonomyError(`disambiguation.json rules[${index}]`, `second rule for "${key}"`);
    phrases.set(key, { skill: entry.skill, rule: compileRule(rule) });
  });
  checkSenses(data.disambiguation.senses ?? [], byId, phrases);
  const badCue = data.disambiguation.cues.find((cue) => !isWord(cue));
  if (badCue !== undefined)
    throw new SkillTaxonomyError('disambiguation.json cues', `"${badCue}" is not one word`);

  return { skills: [...byId.values()], byId, names, phrases, cues: new Set(data.disambiguation.cues) };
}
