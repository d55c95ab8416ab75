import * as linguistLanguages from 'linguist-languages';

import disambiguation from '../data/disambiguation.json';
import languages from '../data/languages.json';
import backend from '../data/taxonomy/backend.json';
import cloudDevops from '../data/taxonomy/cloud-devops.json';
import dataMl from '../data/taxonomy/data-ml.json';
import databases from '../data/taxonomy/databases.json';
import domains from '../data/taxonomy/domains.json';
import frontend from '../data/taxonomy/frontend.json';
import mobile from '../data/taxonomy/mobile.json';
import practices from '../data/taxonomy/practices.json';
import security from '../data/taxonomy/security.json';
import softSkills from '../data/taxonomy/soft-skills.json';
import tools from '../data/taxonomy/tools.json';
import {
  type DisambiguationData,
  type LanguageOverridesData,
  type LinguistLanguage,
  type SkillTaxonomyData,
  type TaxonomyEntryData,
} from './skill-data.types';

/** The data shipped in libs/skills/data (copied into dist by tsc) and the installed Linguist list. */
export function shippedTaxonomyData(): SkillTaxonomyData {
  const taxonomy = Object.entries({
    'backend.json': backend,
    'frontend.json': frontend,
    'mobile.json': mobile,
    'data-ml.json': dataMl,
    'databases.json': databases,
    'cloud-devops.json': cloudDevops,
    'tools.json': tools,
    'security.json': security,
    'practices.json': practices,
    'domains.json': domains,
    'soft-skills.json': softSkills,
  }).map(([file, entries]) => ({ file, entries: entries as readonly TaxonomyEntryData[] }));
  return {
    taxonomy,
    // JSON imports are typed loosely (strings, not unions); the builder validates every field at load.
    languages: languages as LanguageOverridesData,
    disambiguation: disambiguation as DisambiguationData,
    linguist: Object.values(linguistLanguages as Record<string, unknown>).filter(isLinguistLanguage),
  };
}

function isLinguistLanguage(value: unknown): value is LinguistLanguage {
  const language = value as Partial<LinguistLanguage> | null;
  return typeof language?.name === 'string' && typeof language.type === 'string';
}
