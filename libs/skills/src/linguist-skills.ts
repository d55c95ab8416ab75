import { type LanguageOverridesData, type LinguistLanguage } from './skill-data.types';
import { slugify } from './skill-keys';
import { SkillTaxonomyError } from './skill-taxonomy.errors';
import { type CheckedEntry } from './taxonomy-entries';

const FILE = 'languages.json';

/** A Linguist language kept as a skill, or folded into a curated entry (Vue → vue). */
export interface LanguageSkill {
  readonly entry: CheckedEntry;
  /** The allow-listed prose phrases, name first; empty when the language is never found in prose. */
  readonly prose: readonly string[];
}

/** The result: language skills, and the extra names Linguist gives to curated entries (by entry id). */
export interface LinguistSkills {
  readonly languages: readonly LanguageSkill[];
  readonly extraNames: ReadonlyMap<string, readonly string[]>;
}

function requireKnown(names: Iterable<string>, kept: ReadonlySet<string>, field: string): void {
  for (const name of names) {
    if (!kept.has(name)) {
      throw new SkillTaxonomyError(`${FILE} ${field}["${name}"]`, 'not a Linguist language kept as a skill');
    }
  }
}

/** Turns GitHub Linguist's list into skills: every programming language plus the included markup/data ones. */
export function buildLinguistSkills(
  linguist: readonly LinguistLanguage[],
  overrides: LanguageOverridesData,
  curatedIds: ReadonlySet<string>,
): LinguistSkills {
  const byName = new Map(linguist.map((language) => [language.name, language]));
  for (const name of overrides.include) {
    if (!byName.has(name))
      throw new SkillTaxonomyError(`${FILE} include`, `unknown Linguist language "${name}"`);
  }
  const extraNames = new Map<string, string[]>();
  for (const [name, id] of Object.entries(overrides.mapToTaxonomy)) {
    const language = byName.get(name);
    if (!language)
      throw new SkillTaxonomyError(`${FILE} mapToTaxonomy`, `unknown Linguist language "${name}"`);
    if (!curatedIds.has(id)) {
      throw new SkillTaxonomyError(`${FILE} mapToTaxonomy["${name}"]`, `unknown taxonomy id "${id}"`);
    }
    extraNames.set(id, [...(extraNames.get(id) ?? []), name, ...(language.aliases ?? [])]);
  }
  const included = new Set(overrides.include);
  const kept = linguist.filter(
    (language) =>
      (language.type === 'programming' || included.has(language.name)) &&
      !(language.name in overrides.mapToTaxonomy),
  );
  const keptNames = new Set(kept.map((language) => language.name));
  requireKnown(Object.keys(overrides.aliases), keptNames, 'aliases');
  requireKnown(Object.keys(overrides.related), keptNames, 'related');
  requireKnown(Object.keys(overrides.prose), keptNames, 'prose');
  const languages = kept.map((language): LanguageSkill => {
    const { name } = language;
    const proseExtra = overrides.prose[name];
    const { group } = language;
    const parent = group !== undefined && group !== name && keptNames.has(group) ? [slugify(group)] : [];
    const entry: CheckedEntry = {
      where: `Linguist "${name}"`,
      id: slugify(name),
      canonical: name,
      category: 'language',
      aliases: unique([
        ...(language.aliases ?? []),
        ...(overrides.aliases[name] ?? []),
        ...(proseExtra ?? []),
      ]),
      resolveOnly: [],
      related: unique([...(overrides.related[name] ?? []), ...parent]),
    };
    return { entry, prose: proseExtra === undefined ? [] : [name, ...proseExtra] };
  });
  return { languages, extraNames };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
