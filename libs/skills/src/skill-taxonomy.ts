import { buildSkillCatalog, type SkillCatalog } from './skill-catalog.builder';
import { type SkillTaxonomyData } from './skill-data.types';
import { resolveKey } from './skill-keys';
import { SkillMentionMatcher } from './skill-mention.matcher';
import { shippedTaxonomyData } from './skill-taxonomy.data';
import { type SkillDefinition, type SkillMention } from './skill.types';

let shipped: SkillTaxonomy | undefined;

/**
 * The skills taxonomy shared by job-description analysis and candidate evidence: curated skills from
 * libs/skills/data plus GitHub Linguist's languages, so both sides speak of skills by the same ids.
 */
export class SkillTaxonomy {
  private readonly matcher: SkillMentionMatcher;

  private constructor(private readonly catalog: SkillCatalog) {
    this.matcher = new SkillMentionMatcher(catalog.phrases, catalog.cues, catalog.names, catalog.byId);
  }

  /** The shipped taxonomy, loaded and validated once (memoised). */
  static shipped(): SkillTaxonomy {
    shipped ??= SkillTaxonomy.fromData(shippedTaxonomyData());
    return shipped;
  }

  /** A taxonomy built from the given data, validated; throws a SkillTaxonomyError naming a bad entry. */
  static fromData(data: SkillTaxonomyData): SkillTaxonomy {
    return new SkillTaxonomy(buildSkillCatalog(data));
  }

  /**
   * Resolve a name as a source labels it — a GitHub language ('TypeScript', 'Jupyter Notebook', 'C#'), a GitHub
   * topic ('react-native', 'nodejs', 'machine-learning', 'postgres'), a LinkedIn skill ('Node.js', 'Amazon Web
   * Services (AWS)', 'Spring Boot'), a JSON Resume keyword ('Postgres', 'k8s'). Case-insensitive, tolerant of
   * -, _, spaces, dots, a trailing 'js', a trailing version ('Python 3', 'Angular 2+') and a parenthesised
   * abbreviation. Undefined when unknown.
   */
  resolve(name: string): SkillDefinition | undefined {
    if (typeof name !== 'string') return undefined;
    const id = this.lookup(name) ?? this.lookupParts(name);
    return id === undefined ? undefined : this.catalog.byId.get(id);
  }

  byId(id: string): SkillDefinition | undefined {
    return this.catalog.byId.get(id);
  }

  all(): readonly SkillDefinition[] {
    return this.catalog.skills;
  }

  /**
   * Every skill mention in free prose, non-overlapping, longest match first (React Native wins over React;
   * PostgreSQL yields no SQL), in text order, with the disambiguation rules applied.
   */
  findMentions(text: string): SkillMention[] {
    return typeof text === 'string' && text !== '' ? this.matcher.find(text) : [];
  }

  private lookup(name: string): string | undefined {
    const key = resolveKey(name.trim());
    if (key === '') return undefined;
    const { names } = this.catalog;
    const found = names.get(key);
    if (found !== undefined) return found;
    if (key.length > 2 && key.endsWith('js')) {
      const withoutJs = names.get(key.slice(0, -2));
      if (withoutJs !== undefined) return withoutJs;
    }
    const unversioned = key.replace(/v?\d+(?:\d|x)*\+?$/, '');
    return unversioned !== key && unversioned.length > 1 ? names.get(unversioned) : undefined;
  }

  /** 'Amazon Web Services (AWS)' → the part outside the parentheses, else the part inside. */
  private lookupParts(name: string): string | undefined {
    const parts = /^([^()]+)\(([^()]+)\)\s*$/.exec(name);
    return parts ? (this.lookup(parts[1]) ?? this.lookup(parts[2])) : undefined;
  }
}
