/**
 * How sources that say different things are combined. The rules (also in the README):
 *
 * 1. Precedence: JSON Resume, then LinkedIn, then GitHub. A JSON Resume is the candidate's own curated
 *    statement; a LinkedIn export is self-declared too but older and freer; a GitHub profile is sparse.
 *    A single-valued field takes the value of the first source, in that order, that gives one; when another
 *    source gives a different value it is recorded in `conflicts` (nothing is dropped silently).
 * 2. Links: the union, deduplicated by URL (scheme, `www.`, case of the host and a trailing slash ignored).
 * 3. Positions: one position when the employers are the same (case, punctuation and legal suffixes such as
 *    Inc, Ltd, GmbH ignored) and the start months are at most 3 months apart — or, when a start is missing,
 *    the titles are the same. Its fields follow rule 1, except dates: when the sources agree to the year,
 *    the more precise date (month over year) is kept without a conflict. Highlights and evidence are united.
 * 4. Education: one entry when the institutions are the same (as employers) and the periods overlap or a
 *    period is unknown. Certifications: one when the names (and issuers, when both give one) are the same.
 *    Spoken languages: one per name. Fields follow rule 1.
 * 5. Projects: a LinkedIn or JSON Resume project joins a GitHub repository when its URL is the repository's
 *    URL or homepage, or its name is the repository's name (case, spaces, `-`, `_` and `.` ignored); other
 *    projects join each other by name. The repository's facts (stars, languages, dates) stay; name and
 *    description follow rule 1; the earliest start is kept.
 * 6. Skills: united by taxonomy id, so `Golang` (LinkedIn) and `Go` (GitHub) are one skill; names the
 *    taxonomy does not know are kept as they are, one per name ignoring case. All evidence is kept.
 */
import {
  type EvidenceRef,
  type MergeConflict,
  type ProfileCertification,
  type ProfileEducation,
  type ProfileIdentity,
  type ProfileLanguage,
  type ProfileLink,
  type ProfileSource,
  type SourcedValue,
} from './candidate-profile';
import { addRef } from './evidence-index';
import { datePrecision, monthIndex } from './partial-date';
import {
  IDENTITY_FIELDS,
  type PositionClaim,
  type ProjectClaim,
  type SourceClaims,
} from './sources/source-claims';

export const SOURCE_PRECEDENCE: readonly ProfileSource[] = ['json_resume', 'linkedin', 'github'];

export const MERGE_RULE = {
  precedence: 'precedence: JSON Resume > LinkedIn > GitHub',
  position: 'same employer and start within 3 months',
  education: 'same institution and overlapping period',
  certification: 'same name and issuer',
  project: 'same repository URL or name',
} as const;

const rank = (source: ProfileSource) => SOURCE_PRECEDENCE.indexOf(source);

/** Claims in precedence order. */
export function byPrecedence(claims: readonly SourceClaims[]): SourceClaims[] {
  return [...claims].sort((a, b) => rank(a.source) - rank(b.source));
}

/** Lower case, accents, punctuation and spacing removed: `Café-Co.` → `cafe co`. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9+#]+/g, ' ')
    .trim();
}

const LEGAL_SUFFIXES = new Set([
  'inc',
  'incorporated',
  'ltd',
  'limited',
  'llc',
  'llp',
  'plc',
  'gmbh',
  'ag',
  'sa',
  'sas',
  'sarl',
  'bv',
  'nv',
  'oy',
  'ab',
  'as',
  'aps',
  'kk',
  'pty',
  'co',
  'corp',
  'corporation',
  'company',
  'srl',
  'spa',
  'se',
]);

/** An employer or institution name for comparison: `Acme, Inc.` and `ACME` are the same. */
export function normaliseOrganisation(name: string): string {
  const words = normaliseText(name).split(' ').filter(Boolean);
  while (words.length > 1 && LEGAL_SUFFIXES.has(words[words.length - 1])) words.pop();
  return words.join(' ');
}

/** A project or repository name for comparison: `Hello World`, `hello-world`, `hello_world.js` → `helloworldjs`. */
export function normaliseProjectName(name: string): string {
  return normaliseText(name).replace(/\s+/g, '');
}

/** A URL for comparison: `http://www.GitHub.com/a/b/` → `https://github.com/a/b`. */
export function normaliseUrl(url: string): string {
  try {
    const parsed = new URL(url.trim());
    const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
    const path = parsed.pathname.replace(/\/+$/, '');
    return `https://${host}${parsed.port ? `:${parsed.port}` : ''}${path}${parsed.search}`;
  } catch {
    return url.trim().toLowerCase().replace(/\/+$/, '');
  }
}

/**
 * The kept value of a field among the candidates (already in precedence order): the first non-empty one;
 * the other, different values are recorded as a conflict.
 */
export function pickField(
  field: string,
  candidates: readonly { source: ProfileSource; value: string | null }[],
  conflicts: MergeConflict[],
  same: (a: string, b: string) => boolean = (a, b) => normaliseText(a) === normaliseText(b),
): { source: ProfileSource; value: string } | null {
  const present = candidates.filter(
    (candidate): candidate is { source: ProfileSource; value: string } => !!candidate.value,
  );
  if (present.length === 0) return null;
  const [kept, ...others] = present;
  const discarded = others.filter((other) => !same(kept.value, other.value));
  if (discarded.length > 0) {
    const plain = ({ source, value }: { source: ProfileSource; value: string }) => ({ source, value });
    conflicts.push({
      field,
      rule: MERGE_RULE.precedence,
      kept: plain(kept),
      discarded: discarded.map(plain),
    });
  }
  return kept;
}

export function mergeIdentity(claims: readonly SourceClaims[], conflicts: MergeConflict[]): ProfileIdentity {
  const ordered = byPrecedence(claims);
  const identity: ProfileIdentity = { links: mergeLinks(ordered) };
  for (const field of IDENTITY_FIELDS) {
    const values = ordered
      .map((claim) => claim.identity[field])
      .filter((value): value is SourcedValue => value !== undefined);
    const kept = pickField(`identity.${field}`, values, conflicts);
    if (!kept) continue;
    const chosen = values.find((value) => value.source === kept.source && value.value === kept.value);
    if (chosen) identity[field] = { ...chosen, evidence: [...chosen.evidence] };
  }
  return identity;
}

function mergeLinks(ordered: readonly SourceClaims[]): ProfileLink[] {
  const links = new Map<string, ProfileLink>();
  for (const claim of ordered) {
    for (const link of claim.links) {
      const key = normaliseUrl(link.url);
      const existing = links.get(key);
      if (existing) for (const ref of link.evidence) addRef(existing.evidence, ref);
      else links.set(key, { ...link, evidence: [...link.evidence] });
    }
  }
  return [...links.values()];
}

/**
 * Merges items that `same` pairs, in precedence order: the first of a group absorbs the later ones. Two
 * entries of one source are never joined (a source listing two stints at one employer means two).
 */
function mergeGroups<T extends Provenance>(
  items: readonly T[],
  same: (a: T, b: T) => boolean,
  absorb: (into: T, other: T) => void,
): T[] {
  const merged: T[] = [];
  for (const item of items) {
    const into = merged.find(
      (existing) => !item.sources.some((source) => existing.sources.includes(source)) && same(existing, item),
    );
    if (into) absorb(into, item);
    else merged.push(item);
  }
  return merged;
}

/** Two dates that agree to the year: the more precise; otherwise the first (recording a conflict). */
function pickDate(
  field: string,
  into: { source: ProfileSource; value: string | null },
  other: { source: ProfileSource; value: string | null },
  conflicts: MergeConflict[],
): string | null {
  if (!into.value) return other.value;
  if (!other.value) return into.value;
  if (into.value.slice(0, 4) === other.value.slice(0, 4)) {
    const intoMonth = into.value.slice(0, 7);
    const otherMonth = other.value.slice(0, 7);
    if (datePrecision(into.value) === 1 || datePrecision(other.value) === 1 || intoMonth === otherMonth) {
      return datePrecision(other.value) > datePrecision(into.value) ? other.value : into.value;
    }
  }
  pickField(field, [into, other], conflicts, (a, b) => a === b);
  return into.value;
}

/** Starts within `months` of each other; a year-only start only says the year, so the years must agree. */
const samePeriodStart = (a: string | null, b: string | null, months: number) => {
  if (datePrecision(a) === 1 || datePrecision(b) === 1) return !!a && !!b && a.slice(0, 4) === b.slice(0, 4);
  const am = monthIndex(a);
  const bm = monthIndex(b);
  return am !== null && bm !== null && Math.abs(am - bm) <= months;
};

export function mergePositions(claims: readonly SourceClaims[], conflicts: MergeConflict[]): PositionClaim[] {
  const items = byPrecedence(claims).flatMap((claim) =>
    claim.positions.map((position) => ({
      ...copyProvenance(position),
      highlights: [...position.highlights],
      texts: [...position.texts],
    })),
  );
  return mergeGroups(
    items,
    (a, b) =>
      normaliseOrganisation(a.company) === normaliseOrganisation(b.company) &&
      (samePeriodStart(a.startDate, b.startDate, 3) ||
        ((!a.startDate || !b.startDate) && normaliseText(a.title) === normaliseText(b.title))),
    (into, other) => {
      const label = `positions[${into.company}]`;
      const mine = into.sources[0];
      const theirs = other.sources[0];
      pickField(
        `${label}.title`,
        [
          { source: mine, value: into.title },
          { source: theirs, value: other.title },
        ],
        conflicts,
      );
      into.startDate = pickDate(
        `${label}.startDate`,
        { source: mine, value: into.startDate },
        { source: theirs, value: other.startDate },
        conflicts,
      );
      const end = pickDate(
        `${label}.endDate`,
        { source: mine, value: endOf(into) },
        { source: theirs, value: endOf(other) },
        conflicts,
      );
      into.current = end === PRESENT;
      into.endDate = end === PRESENT ? null : end;
      into.location ??= other.location;
      // Free text is not a fact to disagree on: the kept summary follows rule 1, the other stays cited.
      into.summary ??= other.summary;
      for (const highlight of other.highlights) {
        if (!into.highlights.includes(highlight)) into.highlights.push(highlight);
      }
      into.texts.push(...other.texts);
      mergeProvenance(into, other);
    },
  );
}

const PRESENT = 'present';
const endOf = (position: { endDate: string | null; current: boolean }) =>
  position.endDate ?? (position.current ? PRESENT : null);

interface Provenance {
  sources: ProfileSource[];
  evidence: EvidenceRef[];
}

function mergeProvenance(into: Provenance, other: Provenance): void {
  for (const source of other.sources) if (!into.sources.includes(source)) into.sources.push(source);
  for (const ref of other.evidence) addRef(into.evidence, ref);
}

const copyProvenance = <T extends Provenance>(item: T): T => ({
  ...item,
  sources: [...item.sources],
  evidence: [...item.evidence],
});

const periodsOverlap = (a: { startDate: string | null; endDate: string | null }, b: typeof a) => {
  const aStart = monthIndex(a.startDate, 'start');
  const bStart = monthIndex(b.startDate, 'start');
  if (aStart === null || bStart === null) return true;
  const aEnd = monthIndex(a.endDate, 'end') ?? Number.MAX_SAFE_INTEGER;
  const bEnd = monthIndex(b.endDate, 'end') ?? Number.MAX_SAFE_INTEGER;
  return aStart <= bEnd && bStart <= aEnd;
};

export function mergeEducation(
  claims: readonly SourceClaims[],
  conflicts: MergeConflict[],
): ProfileEducation[] {
  const items = byPrecedence(claims).flatMap((claim) => claim.education.map(copyProvenance));
  return mergeGroups(
    items,
    (a, b) =>
      normaliseOrganisation(a.institution) === normaliseOrganisation(b.institution) && periodsOverlap(a, b),
    (into, other) => {
      const label = `education[${into.institution}]`;
      const mine = into.sources[0];
      const theirs = other.sources[0];
      into.degree =
        pickField(
          `${label}.degree`,
          [
            { source: mine, value: into.degree },
            { source: theirs, value: other.degree },
          ],
          conflicts,
        )?.value ?? null;
      into.field =
        pickField(
          `${label}.field`,
          [
            { source: mine, value: into.field },
            { source: theirs, value: other.field },
          ],
          conflicts,
        )?.value ?? null;
      into.startDate = pickDate(
        `${label}.startDate`,
        { source: mine, value: into.startDate },
        { source: theirs, value: other.startDate },
        conflicts,
      );
      into.endDate = pickDate(
        `${label}.endDate`,
        { source: mine, value: into.endDate },
        { source: theirs, value: other.endDate },
        conflicts,
      );
      mergeProvenance(into, other);
    },
  );
}

export function mergeCertifications(
  claims: readonly SourceClaims[],
  conflicts: MergeConflict[],
): ProfileCertification[] {
  const items = byPrecedence(claims).flatMap((claim) => claim.certifications.map(copyProvenance));
  return mergeGroups(
    items,
    (a, b) =>
      normaliseText(a.name) === normaliseText(b.name) &&
      (!a.issuer || !b.issuer || normaliseOrganisation(a.issuer) === normaliseOrganisation(b.issuer)),
    (into, other) => {
      const label = `certifications[${into.name}]`;
      into.issuer ??= other.issuer;
      into.url ??= other.url;
      into.date = pickDate(
        `${label}.date`,
        { source: into.sources[0], value: into.date },
        { source: other.sources[0], value: other.date },
        conflicts,
      );
      mergeProvenance(into, other);
    },
  );
}

export function mergeLanguages(
  claims: readonly SourceClaims[],
  conflicts: MergeConflict[],
): ProfileLanguage[] {
  const items = byPrecedence(claims).flatMap((claim) => claim.languages.map(copyProvenance));
  return mergeGroups(
    items,
    (a, b) => normaliseText(a.name) === normaliseText(b.name),
    (into, other) => {
      into.proficiency =
        pickField(
          `languages[${into.name}].proficiency`,
          [
            { source: into.sources[0], value: into.proficiency },
            { source: other.sources[0], value: other.proficiency },
          ],
          conflicts,
        )?.value ?? null;
      mergeProvenance(into, other);
    },
  );
}

/** GitHub repositories first (they anchor rule 5), then the other sources' projects in precedence order. */
export function mergeProjects(claims: readonly SourceClaims[], conflicts: MergeConflict[]): ProjectClaim[] {
  const ordered = byPrecedence(claims);
  const copy = (project: ProjectClaim): ProjectClaim => ({
    ...copyProvenance(project),
    texts: [...project.texts],
    keywords: [...project.keywords],
  });
  const repos = ordered
    .flatMap((claim) => claim.projects.filter((project) => project.repo !== null))
    .map(copy);
  const others = ordered
    .flatMap((claim) => claim.projects.filter((project) => project.repo === null))
    .map(copy);
  const merged: ProjectClaim[] = [...repos];
  // Names and descriptions follow rule 1 even when a GitHub repository anchors the project: the first
  // other source to join a repository names it.
  const renamed = new Set<ProjectClaim>();
  for (const project of others) {
    const into =
      merged.find((existing) => sameProjectUrl(existing, project)) ??
      merged.find((existing) => sameProjectName(existing, project));
    if (!into || into.sources.some((source) => project.sources.includes(source))) {
      merged.push(project);
      continue;
    }
    const label = `projects[${into.repo?.fullName ?? into.name}]`;
    const names = [
      { source: into.sources[0], value: into.name },
      { source: project.sources[0], value: project.name },
    ];
    if (into.repo && !renamed.has(into)) {
      renamed.add(into);
      pickField(`${label}.name`, names.reverse(), conflicts);
      into.name = project.name;
      into.description = project.description ?? into.description;
    } else {
      pickField(`${label}.name`, names, conflicts);
      into.description ??= project.description;
    }
    into.url ??= project.url;
    if (
      project.startDate &&
      (!into.startDate ||
        (monthIndex(project.startDate) ?? Infinity) < (monthIndex(into.startDate) ?? Infinity))
    ) {
      into.startDate = project.startDate;
    }
    into.endDate ??= project.endDate;
    into.texts.push(...project.texts);
    into.keywords.push(...project.keywords);
    mergeProvenance(into, project);
  }
  return merged;
}

/** `b` links to `a`: to its repository or its homepage (a URL match wins over any name match). */
function sameProjectUrl(a: ProjectClaim, b: ProjectClaim): boolean {
  if (!b.url) return false;
  const urls = [a.url, a.repo?.url, a.repo?.homepage].filter((url): url is string => !!url).map(normaliseUrl);
  return urls.includes(normaliseUrl(b.url));
}

function sameProjectName(a: ProjectClaim, b: ProjectClaim): boolean {
  const name = a.repo ? (a.repo.fullName.split('/')[1] ?? a.name) : a.name;
  return normaliseProjectName(name) === normaliseProjectName(b.name);
}
