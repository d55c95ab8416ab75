import { type TaxonomyEntryData, type TaxonomyFileData } from './skill-data.types';
import { SLUG_PATTERN } from './skill-keys';
import { SkillTaxonomyError } from './skill-taxonomy.errors';
import { SKILL_CATEGORIES, type SkillCategory } from './skill.types';

/** A curated entry, checked, with where it came from (for error messages). */
export interface CheckedEntry {
  readonly where: string;
  readonly id: string;
  readonly canonical: string;
  readonly category: SkillCategory;
  readonly aliases: readonly string[];
  readonly resolveOnly: readonly string[];
  readonly related: readonly string[];
  /** 'area' or 'sector': resolvable, never found in free prose. */
  readonly kind?: EntryKind;
}

/** Entries that name the field a job is in rather than a skill it asks for (see TaxonomyEntryData.kind). */
export type EntryKind = 'area' | 'sector' | 'activity';
const ENTRY_KINDS: readonly (string | undefined)[] = ['area', 'sector', 'activity', undefined];

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function textList(where: string, field: string, value: unknown): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every(isText)) {
    throw new SkillTaxonomyError(where, `"${field}" must be a list of non-empty strings`);
  }
  return value;
}

function checkEntry(file: string, index: number, entry: TaxonomyEntryData): CheckedEntry {
  const id: unknown = entry?.id;
  const where = `taxonomy/${file}#${isText(id) ? id : `[${index}]`}`;
  if (!isText(id) || !SLUG_PATTERN.test(id)) {
    throw new SkillTaxonomyError(
      where,
      `"id" must be a lower-case slug (a-z, 0-9, '-'), got ${JSON.stringify(id)}`,
    );
  }
  if (!isText(entry.canonical)) throw new SkillTaxonomyError(where, '"canonical" must be a non-empty string');
  if (!SKILL_CATEGORIES.includes(entry.category as SkillCategory)) {
    throw new SkillTaxonomyError(
      where,
      `unknown category ${JSON.stringify(entry.category)} (one of ${SKILL_CATEGORIES.join(', ')})`,
    );
  }
  if (!ENTRY_KINDS.includes(entry.kind)) {
    throw new SkillTaxonomyError(
      where,
      `unknown kind ${JSON.stringify(entry.kind)} (area, sector or activity)`,
    );
  }
  return {
    where,
    id,
    canonical: entry.canonical,
    category: entry.category as SkillCategory,
    aliases: textList(where, 'aliases', entry.aliases),
    resolveOnly: textList(where, 'resolveOnly', entry.resolveOnly),
    related: textList(where, 'related', entry.related),
    ...(entry.kind !== undefined && { kind: entry.kind as EntryKind }),
  };
}

/** Checks every curated entry's shape (id slug, canonical, known category, string lists). */
export function checkTaxonomyFiles(files: readonly TaxonomyFileData[]): CheckedEntry[] {
  return files.flatMap(({ file, entries }) => {
    if (!Array.isArray(entries))
      throw new SkillTaxonomyError(`taxonomy/${file}`, 'must hold a list of entries');
    return entries.map((entry, index) => checkEntry(file, index, entry));
  });
}
