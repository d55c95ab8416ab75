import { type CandidateProfileData, type EvidenceFact, type ProfileSkill } from '@app/evidence';
import { coveredMonths, monthIndex } from '@app/evidence/profile/partial-date';
import { normaliseText, normaliseUrl } from '@app/evidence/profile/profile-merge.rules';
import { type SkillTaxonomy } from '@app/skills';

import { type NumberClaim, numberClaims } from './number-claims';

/**
 * What the fact check compares a draft with: the profile's facts, and for each fact id the texts it stands
 * for — the fact's own words and label, plus the profile record that cites it (a position's title, dates,
 * description and highlights; a repository's name, stars and forks; …), so `340 stars` citing
 * `github_repo:ada-l/ledger-lite` is checked against the repository's star count.
 */
export class ProfileFacts {
  readonly facts: ReadonlyMap<string, EvidenceFact>;
  readonly skillIds: ReadonlySet<string>;
  private readonly texts = new Map<string, string[]>();
  private readonly numberCache = new Map<string, NumberClaim[]>();
  private readonly mentionCache = new Map<string, ReadonlySet<string>>();
  private readonly skillNames = new Map<string, ProfileSkill>();
  private readonly urls = new Set<string>();
  private corpusNumbers: NumberClaim[] | undefined;
  /** Years covered by the positions (overlaps once), up to the latest date the evidence shows. */
  readonly totalYears: number;

  constructor(
    readonly profile: CandidateProfileData,
    private readonly taxonomy: SkillTaxonomy,
    now?: Date,
  ) {
    this.facts = new Map(profile.evidence.map((fact) => [fact.id, fact]));
    this.skillIds = new Set(profile.skills.map((skill) => skill.id));
    for (const skill of profile.skills) this.skillNames.set(simple(skill.canonical), skill);
    for (const fact of profile.evidence) {
      this.add(fact.id, fact.excerpt, fact.label);
      if (fact.url) this.urls.add(normaliseUrl(fact.url));
    }
    const identity = profile.identity;
    for (const value of [
      identity.name,
      identity.headline,
      identity.summary,
      identity.email,
      identity.location,
    ]) {
      if (value) for (const ref of value.evidence) this.add(ref.id, value.value);
    }
    for (const link of identity.links) this.urls.add(normaliseUrl(link.url));
    for (const position of profile.positions) {
      const texts = [
        position.company,
        position.title,
        position.location,
        position.summary,
        ...position.highlights,
        position.startDate,
        position.endDate,
      ];
      for (const ref of position.evidence) this.add(ref.id, ...texts);
    }
    for (const project of profile.projects) {
      const repo = project.repo;
      const texts = [project.name, project.description, project.startDate, project.endDate];
      if (repo) {
        texts.push(
          repo.fullName,
          `${repo.stars} stars`,
          `${repo.forks} forks`,
          repo.primaryLanguage,
          ...repo.topics,
          ...Object.keys(repo.languages),
          repo.createdAt,
          repo.pushedAt,
        );
        this.urls.add(normaliseUrl(repo.url));
        if (repo.homepage) this.urls.add(normaliseUrl(repo.homepage));
      }
      if (project.url) this.urls.add(normaliseUrl(project.url));
      for (const ref of project.evidence) this.add(ref.id, ...texts);
    }
    for (const entry of profile.education) {
      const texts = [entry.institution, entry.degree, entry.field, entry.startDate, entry.endDate];
      for (const ref of entry.evidence) this.add(ref.id, ...texts);
    }
    for (const entry of profile.certifications) {
      for (const ref of entry.evidence) this.add(ref.id, entry.name, entry.issuer, entry.date);
      if (entry.url) this.urls.add(normaliseUrl(entry.url));
    }
    for (const entry of profile.languages) {
      for (const ref of entry.evidence) this.add(ref.id, entry.name, entry.proficiency);
    }
    this.totalYears = positionYears(profile, now ?? referenceDate(profile));
  }

  /** The texts a fact stands for. */
  textsOf(id: string): readonly string[] {
    return this.texts.get(id) ?? [];
  }

  /** The numbers of the texts of the facts. */
  numbersOf(ids: readonly string[]): NumberClaim[] {
    return ids.flatMap((id) => {
      let numbers = this.numberCache.get(id);
      if (!numbers) {
        numbers = this.textsOf(id).flatMap((text) => numberClaims(text));
        this.numberCache.set(id, numbers);
      }
      return numbers;
    });
  }

  /** Every number of the whole profile (for text that cites no fact: the summary, the headline). */
  allNumbers(): NumberClaim[] {
    this.corpusNumbers ??= this.numbersOf([...this.texts.keys()]);
    return this.corpusNumbers;
  }

  /** Skill ids the texts of the facts name. */
  mentionsOf(ids: readonly string[]): Set<string> {
    const out = new Set<string>();
    for (const id of ids) {
      let found = this.mentionCache.get(id);
      if (!found) {
        found = new Set(
          this.textsOf(id).flatMap((text) => this.taxonomy.findMentions(text).map((m) => m.id)),
        );
        this.mentionCache.set(id, found);
      }
      found.forEach((skill) => out.add(skill));
    }
    return out;
  }

  /** The profile skill a name means (by taxonomy id, or by name for a custom skill). */
  skillNamed(name: string): ProfileSkill | undefined {
    const id = this.taxonomy.resolve(name)?.id;
    if (id && this.skillIds.has(id)) return this.profile.skills.find((skill) => skill.id === id);
    return this.skillNames.get(simple(name));
  }

  /** Whether a URL is one the evidence holds (a link of the identity, a repository, a fact's URL). */
  knowsUrl(url: string): boolean {
    return this.urls.has(normaliseUrl(url));
  }

  /** Whether the words appear in the texts of the facts (normalised). */
  textSupports(ids: readonly string[], words: string): boolean {
    const wanted = normaliseText(words);
    if (!wanted) return true;
    return ids.some((id) =>
      this.textsOf(id).some((text) => ` ${normaliseText(text)} `.includes(` ${wanted} `)),
    );
  }

  /** Every fact id that has texts. */
  allIds(): string[] {
    return [...this.texts.keys()];
  }

  private add(id: string, ...texts: (string | null | undefined)[]): void {
    const list = this.texts.get(id) ?? [];
    for (const text of texts) if (text && !list.includes(text)) list.push(text);
    this.texts.set(id, list);
  }
}

function simple(name: string): string {
  return name
    .toLowerCase()
    .replace(/^custom:/, '')
    .replace(/[^a-z0-9+#]+/g, '');
}

/** The latest month the evidence shows (skills' last use, positions' dates): the profile's "now". */
export function referenceDate(profile: CandidateProfileData): Date {
  const months = [
    ...profile.skills.map((skill) => monthIndex(skill.signals.lastUsed, 'end')),
    ...profile.positions.flatMap((p) => [monthIndex(p.startDate, 'start'), monthIndex(p.endDate, 'end')]),
  ].filter((month): month is number => month !== null);
  if (months.length === 0) return new Date(0);
  const latest = Math.max(...months);
  return new Date(Date.UTC(Math.floor(latest / 12), latest % 12, 15));
}

function positionYears(profile: CandidateProfileData, now: Date): number {
  const months = coveredMonths(
    profile.positions.map((position) => ({
      start: position.startDate,
      end: position.current ? null : (position.endDate ?? position.startDate),
    })),
    now,
  );
  return months / 12;
}
