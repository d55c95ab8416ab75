import {
  type CandidateProfileData,
  type ProfileEducation,
  type ProfilePosition,
  type ProfileProject,
} from '@app/evidence';
import { datePrecision, monthIndex } from '@app/evidence/profile/partial-date';
import {
  normaliseOrganisation,
  normaliseProjectName,
  normaliseText,
} from '@app/evidence/profile/profile-merge.rules';
import {
  type BulletDto,
  type EvidenceRefDto,
  PARTIAL_DATE,
  type ResumeDocument,
  type SkillGroupDto,
} from '@app/resumes/document';
import { type SkillTaxonomy } from '@app/skills';

import {
  type FactCheckFinding,
  type FactCheckResult,
  type FindingKind,
  type FindingSeverity,
} from './fact-check.types';
import { numberClaims, numberSupported, yearsClaim } from './number-claims';
import { ProfileFacts } from './profile-facts';

export interface FactCheckOptions {
  /** The instant positions held now run to (years claims); default: the latest date the profile shows. */
  now?: Date;
}

const TOOL_CATEGORIES = new Set(['tool', 'devops', 'cloud', 'database']);
const GENERIC_CATEGORIES = new Set(['practice', 'domain', 'soft']);

/**
 * Checks a draft against the candidate's evidence and returns a cleaned copy. It never trusts the draft
 * (whatever wrote it, and whatever the job description told that writer):
 *
 * - every evidence reference must resolve to a fact of `profile.evidence` (others are dropped; a bullet or
 *   skill item left without evidence is removed);
 * - skill items must be skills of the profile; skills named in bullets must be skills of the profile or be
 *   named by the facts the bullet cites; every number in a bullet must be among the numbers of the cited
 *   facts (`40%` = `40 %`, `2B` = `2 billion`, `four` = `4`) — else the bullet is removed;
 * - summary (and headline) sentences naming a skill the profile lacks, or a number no fact holds, are removed;
 *   "N years" is accepted up to the years the positions cover (or, "N years of X", the years naming X);
 * - employers must be the profile's (an invented employer removes the entry); titles must be one the evidence
 *   gives for that employer (else the profile's title replaces it); repositories and projects, schools,
 *   certifications and languages must be the profile's; dates must agree with the evidence (else corrected);
 * - verdict: `block` when the name is missing or not the candidate's, when no experience is left although the
 *   profile has positions, or when more than half of the content was removed; else `warn` when anything was
 *   removed or corrected; else `pass`.
 */
export function factCheck(
  draft: ResumeDocument,
  profile: CandidateProfileData,
  taxonomy: SkillTaxonomy,
  options: FactCheckOptions = {},
): FactCheckResult {
  return new FactChecker(profile, taxonomy, options).check(draft);
}

class FactChecker {
  private readonly facts: ProfileFacts;
  private readonly findings: FactCheckFinding[] = [];
  private units = 0;
  private removed = 0;

  constructor(
    private readonly profile: CandidateProfileData,
    private readonly taxonomy: SkillTaxonomy,
    options: FactCheckOptions,
  ) {
    this.facts = new ProfileFacts(profile, taxonomy, options.now);
  }

  check(input: ResumeDocument): FactCheckResult {
    // Work on a plain copy: the caller's draft is never changed.
    const draft = JSON.parse(JSON.stringify(input ?? {})) as Partial<ResumeDocument>;
    const basics = this.basics(draft.basics);
    const summary = this.summary(draft.summary);
    const document: ResumeDocument = {
      basics,
      skills: this.skills(draft.skills ?? []),
      experience: this.experience(draft.experience ?? []),
      projects: this.projects(draft.projects ?? []),
      education: this.education(draft.education ?? []),
      certifications: this.certifications(draft.certifications ?? []),
      languages: this.languages(draft.languages ?? []),
    };
    if (summary) document.summary = summary;

    if (this.profile.positions.length > 0 && document.experience.length === 0) {
      this.note('block', 'evidence', 'experience', `${draft.experience?.length ?? 0} entries`, 'blocked', [
        'no experience entry is left although the profile has positions',
      ]);
    }
    if (this.units > 0 && this.removed * 2 > this.units) {
      this.note('block', 'evidence', '', `${this.removed} of ${this.units}`, 'blocked', [
        'more than half of the content was removed: the draft is not usable',
      ]);
    }
    const verdict = this.findings.some((f) => f.severity === 'block')
      ? 'block'
      : this.findings.some((f) => f.severity === 'warn')
        ? 'warn'
        : 'pass';
    // Document order (reading order of the paths) makes the findings stable to compare.
    return {
      document: reorder(document),
      verdict,
      findings: this.findings,
      stats: { units: this.units, removed: this.removed },
    };
  }

  // ─── basics and summary ────────────────────────────────────────────────────────────────────────────────

  private basics(basics: ResumeDocument['basics'] | undefined): ResumeDocument['basics'] {
    const out: ResumeDocument['basics'] = { ...(basics ?? { name: '' }) };
    const identityName =
      this.profile.identity.name?.value ??
      this.profile.evidence.find((fact) => fact.kind === 'github_profile')?.id.split(':')[1];
    const name = (out.name ?? '').trim();
    if (!name) {
      this.note('block', 'identity', 'basics.name', '', 'blocked', ['the name is missing']);
    } else if (!identityName || normaliseText(name) !== normaliseText(identityName)) {
      this.note('block', 'identity', 'basics.name', name, 'blocked', [
        identityName
          ? `the name is not the candidate's (${identityName})`
          : 'the profile has no name to compare',
      ]);
    }
    if (out.label !== undefined) {
      const reason = this.proseProblem(out.label, null);
      if (reason) {
        delete out.label;
        this.note('warn', reason.kind, 'basics.label', reason.value, 'removed', [reason.reason]);
      }
    }
    if (out.email !== undefined && !this.knownEmail(out.email)) {
      this.note('warn', 'identity', 'basics.email', out.email, 'removed', [
        'not an email address of the evidence',
      ]);
      delete out.email;
    }
    if (out.phone !== undefined && !this.knownPhone(out.phone)) {
      this.note('warn', 'identity', 'basics.phone', out.phone, 'removed', [
        'not a phone number of the evidence',
      ]);
      delete out.phone;
    }
    if (out.url !== undefined && !this.facts.knowsUrl(out.url)) {
      this.note('warn', 'identity', 'basics.url', out.url, 'removed', ['not a link of the evidence']);
      delete out.url;
    }
    if (out.location) {
      const places = [
        this.profile.identity.location?.value,
        ...this.profile.positions.map((position) => position.location),
      ]
        .filter((place): place is string => !!place)
        .map((place) => ` ${normaliseText(place)} `);
      const city = out.location.city;
      if (city !== undefined && !places.some((place) => place.includes(` ${normaliseText(city)} `))) {
        this.note('warn', 'identity', 'basics.location', city, 'removed', ['not a place of the evidence']);
        delete out.location;
      }
    }
    if (out.profiles) {
      out.profiles = out.profiles.filter((link, index) => {
        if (!link.url || this.facts.knowsUrl(link.url)) return true;
        this.note('warn', 'identity', `basics.profiles[${index}]`, link.url, 'removed', [
          'not a link of the evidence',
        ]);
        return false;
      });
    }
    return out;
  }

  private summary(summary: string | undefined): string | undefined {
    if (summary === undefined || summary.trim() === '') return undefined;
    const kept = sentences(summary).filter((sentence, index) => {
      this.units++;
      const problem = this.proseProblem(sentence, null);
      if (!problem) return true;
      this.removed++;
      this.note('warn', problem.kind, `summary.sentences[${index}]`, problem.value, 'removed', [
        `${problem.reason}: "${sentence}"`,
      ]);
      return false;
    });
    return kept.length > 0 ? kept.join(' ') : undefined;
  }

  // ─── skills ────────────────────────────────────────────────────────────────────────────────────────────

  private skills(groups: SkillGroupDto[]): SkillGroupDto[] {
    const out: SkillGroupDto[] = [];
    groups.forEach((group, g) => {
      const items = (group.items ?? []).filter((item, i) => {
        this.units++;
        const path = `skills[${g}].items[${i}]`;
        const skill = this.facts.skillNamed(item.name ?? '');
        if (!skill) {
          this.removed++;
          const resolved = this.taxonomy.resolve(item.name ?? '');
          this.note('warn', this.skillKind(resolved?.category), path, item.name, 'removed', [
            'not a skill of the candidate’s evidence',
          ]);
          return false;
        }
        item.evidence = this.refs(item.evidence, path);
        if (item.evidence.length === 0) {
          this.removed++;
          this.note('warn', 'evidence', path, item.name, 'removed', ['no evidence of the profile is cited']);
          return false;
        }
        return true;
      });
      if (items.length === 0) return;
      // Group names are labels ("DevOps", "Backend"): only a concrete technology in one is a claim.
      const unknown = this.unknownSkills(group.name ?? '', [], GENERIC_CATEGORIES);
      const name =
        unknown.length > 0 || !group.name
          ? (() => {
              this.note('warn', 'skill', `skills[${g}].name`, group.name ?? '', 'removed', [
                `the group name names ${unknown.join(', ')}, not a skill of the evidence; renamed "Skills"`,
              ]);
              return 'Skills';
            })()
          : group.name;
      out.push({ ...group, name, items });
    });
    return out;
  }

  // ─── experience ────────────────────────────────────────────────────────────────────────────────────────

  private experience(entries: ResumeDocument['experience']): ResumeDocument['experience'] {
    const out: ResumeDocument['experience'] = [];
    entries.forEach((entry, e) => {
      const path = `experience[${e}]`;
      const bulletCount = entry.bullets?.length ?? 0;
      this.units += 1 + bulletCount;
      const position = this.positionFor(entry.company ?? '', entry.position ?? '');
      if (!position) {
        this.removed += 1 + bulletCount;
        this.note('warn', 'employer', `${path}.company`, entry.company, 'removed', [
          'not an employer of the candidate’s evidence: the whole entry is removed',
        ]);
        return;
      }
      const refIds = position.evidence.map((ref) => ref.id);
      if (!this.titleSupported(position, entry.position ?? '')) {
        this.note('warn', 'title', `${path}.position`, entry.position, 'removed', [
          `not a title the evidence gives at ${position.company}; replaced by "${position.title}"`,
        ]);
        entry.position = position.title;
      }
      this.checkDates(entry, path, position.startDate, position.endDate, position.current, [
        ...this.conflictValues(`positions[${position.company}].startDate`),
      ]);
      if (entry.location !== undefined && !this.facts.textSupports(refIds, entry.location)) {
        this.note('warn', 'employer', `${path}.location`, entry.location, 'removed', [
          'not a location the evidence gives for this position',
        ]);
        delete entry.location;
      }
      if (entry.url !== undefined && !this.facts.knowsUrl(entry.url)) {
        this.note('warn', 'employer', `${path}.url`, entry.url, 'removed', ['not a link of the evidence']);
        delete entry.url;
      }
      if (entry.summary !== undefined) {
        const kept = sentences(entry.summary).filter((sentence) => {
          const problem = this.proseProblem(sentence, refIds);
          if (problem) {
            this.note('warn', problem.kind, `${path}.summary`, problem.value, 'removed', [
              `${problem.reason}: "${sentence}"`,
            ]);
          }
          return !problem;
        });
        if (kept.length > 0) entry.summary = kept.join(' ');
        else delete entry.summary;
      }
      entry.bullets = this.bullets(entry.bullets ?? [], path);
      out.push(entry);
    });
    return out;
  }

  /** The profile position an entry is about: same employer (normalised), the title deciding between several. */
  private positionFor(company: string, title: string): ProfilePosition | undefined {
    const key = normaliseOrganisation(company);
    if (!key) return undefined;
    const candidates = this.profile.positions.filter(
      (position) =>
        normaliseOrganisation(position.company) === key ||
        position.evidence.some((ref) => this.employerInLabel(ref.id, key)),
    );
    return candidates.find((position) => this.titleSupported(position, title)) ?? candidates[0];
  }

  /** A fact label `Senior Backend Engineer at Analytical Engines Ltd (LinkedIn …)` names the employer. */
  private employerInLabel(factId: string, key: string): boolean {
    const label = this.facts.facts.get(factId)?.label ?? '';
    const at = /\bat (.+?) \(/.exec(label);
    return !!at && normaliseOrganisation(at[1]) === key;
  }

  private titleSupported(position: ProfilePosition, title: string): boolean {
    const wanted = normaliseText(title);
    if (!wanted) return false;
    if (normaliseText(position.title) === wanted) return true;
    if (
      this.conflictValues(`positions[${position.company}].title`).some((v) => normaliseText(v) === wanted)
    ) {
      return true;
    }
    return position.evidence.some((ref) =>
      normaliseText(this.facts.facts.get(ref.id)?.label ?? '').startsWith(`${wanted} at `),
    );
  }

  private conflictValues(field: string): string[] {
    return this.profile.conflicts
      .filter((conflict) => conflict.field === field)
      .flatMap((conflict) => [conflict.kept.value, ...conflict.discarded.map((d) => d.value)]);
  }

  // ─── bullets ───────────────────────────────────────────────────────────────────────────────────────────

  private bullets(bullets: BulletDto[], parent: string): BulletDto[] {
    return bullets.filter((bullet, b) => {
      const path = `${parent}.bullets[${b}]`;
      bullet.evidence = this.refs(bullet.evidence, path);
      if (bullet.evidence.length === 0) {
        this.removed++;
        this.note('warn', 'evidence', path, bullet.text, 'removed', [
          'the bullet cites no evidence of the profile',
        ]);
        return false;
      }
      const problem = this.proseProblem(
        bullet.text ?? '',
        bullet.evidence.map((ref) => ref.id),
      );
      if (problem) {
        this.removed++;
        this.note('warn', problem.kind, path, problem.value, 'removed', [
          `${problem.reason}: "${bullet.text}"`,
        ]);
        return false;
      }
      return true;
    });
  }

  /**
   * What is wrong with a sentence, if anything: a skill the profile lacks (and the cited facts do not name),
   * or a number the cited facts (all facts, when `cited` is null) do not hold.
   */
  private proseProblem(
    text: string,
    cited: readonly string[] | null,
  ): { kind: FindingKind; value: string; reason: string } | undefined {
    const unknown = this.unknownSkills(text, cited ?? []);
    if (unknown.length > 0) {
      const resolved = this.taxonomy.resolve(unknown[0]);
      return {
        kind: this.skillKind(resolved?.category),
        value: unknown.join(', '),
        reason: `names ${unknown.join(', ')}, not in the candidate’s evidence`,
      };
    }
    const known = cited ? this.facts.numbersOf(cited) : this.facts.allNumbers();
    for (const claim of numberClaims(text)) {
      // "N years": up to the years the positions show; uncited text (the summary) gets no other support.
      const years = yearsClaim(text, claim);
      if (years && claim.value <= this.yearsLimit(text.slice(claim.end, claim.end + 60))) continue;
      if ((years && !cited) || !numberSupported(claim, known)) {
        return {
          kind: 'number',
          value: claim.text,
          reason: cited
            ? `the number ${claim.text} is not in the cited evidence`
            : `the number ${claim.text} is not in the candidate’s evidence`,
        };
      }
    }
    return undefined;
  }

  /** Canonical names of the skills a text names that the profile lacks and the cited facts do not name. */
  private unknownSkills(
    text: string,
    cited: readonly string[],
    ignore: ReadonlySet<string> = new Set(),
  ): string[] {
    const mentions = this.taxonomy.findMentions(text).filter((m) => !ignore.has(m.category));
    if (mentions.length === 0) return [];
    const named = cited.length > 0 ? this.facts.mentionsOf(cited) : new Set<string>();
    const unknown = mentions.filter((m) => !this.facts.skillIds.has(m.id) && !named.has(m.id));
    return [...new Set(unknown.map((m) => m.canonical))];
  }

  /** "N years" is accepted up to the positions' years; "N years of X" up to the years of positions naming X. */
  private yearsLimit(after: string): number {
    const phrase = /^\+?\s*(?:years?|yrs?)\b[^.;,]{0,12}?\b(?:of|with|in|using)\s+([^.;,()]+)/i.exec(
      after,
    )?.[1];
    const words = phrase?.trim().split(/\s+/) ?? [];
    const skillId = phrase
      ? (this.taxonomy.findMentions(phrase)[0]?.id ??
        this.taxonomy.resolve(words.slice(0, 2).join(' '))?.id ??
        this.taxonomy.resolve(words[0] ?? '')?.id)
      : undefined;
    if (!skillId) return Math.floor(this.facts.totalYears + 1e-9);
    const skill = this.profile.skills.find((s) => s.id === skillId);
    return Math.floor((skill?.signals.positionYears ?? 0) + 1e-9);
  }

  private skillKind(category: string | undefined): FindingKind {
    return category && TOOL_CATEGORIES.has(category) ? 'tool' : 'skill';
  }

  // ─── projects, education, certifications, languages ────────────────────────────────────────────────────

  private projects(entries: ResumeDocument['projects']): ResumeDocument['projects'] {
    const out: ResumeDocument['projects'] = [];
    entries.forEach((entry, p) => {
      const path = `projects[${p}]`;
      const bulletCount = entry.bullets?.length ?? 0;
      this.units += 1 + bulletCount;
      const project = this.projectFor(entry.name ?? '');
      if (!project) {
        this.removed += 1 + bulletCount;
        this.note('warn', 'repo', `${path}.name`, entry.name, 'removed', [
          'not a project or repository of the candidate’s evidence: the whole entry is removed',
        ]);
        return;
      }
      const refIds = project.evidence.map((ref) => ref.id);
      entry.evidence = this.refs(entry.evidence, `${path}.evidence`);
      if (entry.evidence.length === 0)
        entry.evidence = project.evidence.map((ref) => ({ kind: ref.kind, id: ref.id }));
      if (entry.url !== undefined && !this.facts.knowsUrl(entry.url)) {
        this.note('warn', 'repo', `${path}.url`, entry.url, 'removed', ['not a link of the evidence']);
        delete entry.url;
      }
      if (entry.description !== undefined) {
        const problem = this.proseProblem(entry.description, refIds);
        if (problem) {
          this.note('warn', problem.kind, `${path}.description`, problem.value, 'removed', [problem.reason]);
          delete entry.description;
        }
      }
      if (entry.keywords) {
        entry.keywords = entry.keywords.filter((keyword, k) => {
          if (this.facts.skillNamed(keyword) || this.facts.textSupports(refIds, keyword)) return true;
          const resolved = this.taxonomy.resolve(keyword);
          this.note(
            'warn',
            this.skillKind(resolved?.category),
            `${path}.keywords[${k}]`,
            keyword,
            'removed',
            ['not a skill of the evidence'],
          );
          return false;
        });
        if (entry.keywords.length === 0) delete entry.keywords;
      }
      const repo = project.repo;
      this.checkPlainDate(entry, 'startDate', path, [project.startDate, repo?.createdAt ?? null]);
      this.checkPlainDate(entry, 'endDate', path, [project.endDate, repo?.pushedAt ?? null]);
      entry.bullets = this.bullets(entry.bullets ?? [], path);
      out.push(entry);
    });
    return out;
  }

  /** The profile project a draft entry names: by project name or repository name (normalised). */
  private projectFor(name: string): ProfileProject | undefined {
    const key = normaliseProjectName(name);
    if (!key) return undefined;
    return this.profile.projects.find((project) =>
      [project.name, project.repo?.fullName, project.repo?.fullName.split('/')[1]]
        .filter((candidate): candidate is string => !!candidate)
        .some((candidate) => normaliseProjectName(candidate) === key),
    );
  }

  private education(entries: ResumeDocument['education']): ResumeDocument['education'] {
    const out: ResumeDocument['education'] = [];
    entries.forEach((entry, i) => {
      const path = `education[${i}]`;
      this.units++;
      const key = normaliseOrganisation(entry.institution ?? '');
      const known = this.profile.education.find(
        (e) => key !== '' && normaliseOrganisation(e.institution) === key,
      );
      if (!known) {
        this.removed++;
        this.note('warn', 'evidence', `${path}.institution`, entry.institution, 'removed', [
          'not a school of the candidate’s evidence',
        ]);
        return;
      }
      this.checkEducationField(entry, 'studyType', known.degree, known, path);
      this.checkEducationField(entry, 'area', known.field, known, path);
      entry.evidence = this.refs(entry.evidence, `${path}.evidence`);
      if (entry.evidence.length === 0)
        entry.evidence = known.evidence.map((ref) => ({ kind: ref.kind, id: ref.id }));
      this.checkPlainDate(entry, 'startDate', path, [known.startDate]);
      this.checkPlainDate(entry, 'endDate', path, [known.endDate]);
      const refIds = known.evidence.map((ref) => ref.id);
      if (entry.score !== undefined && !this.facts.textSupports(refIds, entry.score)) {
        this.note('warn', 'number', `${path}.score`, entry.score, 'removed', ['not a grade of the evidence']);
        delete entry.score;
      }
      if (entry.courses) {
        entry.courses = entry.courses.filter((course) => this.facts.textSupports(refIds, course));
        if (entry.courses.length === 0) delete entry.courses;
      }
      if (entry.url !== undefined && !this.facts.knowsUrl(entry.url)) delete entry.url;
      out.push(entry);
    });
    return out;
  }

  private checkEducationField(
    entry: ResumeDocument['education'][number],
    field: 'studyType' | 'area',
    truth: string | null,
    known: ProfileEducation,
    path: string,
  ): void {
    const value = entry[field];
    if (value === undefined) return;
    const ids = known.evidence.map((ref) => ref.id);
    if (this.facts.textSupports(ids, value)) return;
    this.note('warn', 'title', `${path}.${field}`, value, 'removed', [
      truth ? `not what the evidence gives; replaced by "${truth}"` : 'not in the evidence',
    ]);
    if (truth) entry[field] = truth;
    else delete entry[field];
  }

  private certifications(entries: ResumeDocument['certifications']): ResumeDocument['certifications'] {
    const out: ResumeDocument['certifications'] = [];
    entries.forEach((entry, i) => {
      const path = `certifications[${i}]`;
      this.units++;
      const key = normaliseText(entry.name ?? '');
      const known = this.profile.certifications.find((c) => key !== '' && normaliseText(c.name) === key);
      if (!known) {
        this.removed++;
        this.note('warn', 'evidence', `${path}.name`, entry.name, 'removed', [
          'not a certification of the candidate’s evidence',
        ]);
        return;
      }
      if (entry.issuer !== undefined && normaliseText(entry.issuer) !== normaliseText(known.issuer ?? '')) {
        this.note('warn', 'evidence', `${path}.issuer`, entry.issuer, 'removed', [
          known.issuer
            ? `not the issuer of the evidence; replaced by "${known.issuer}"`
            : 'not in the evidence',
        ]);
        if (known.issuer) entry.issuer = known.issuer;
        else delete entry.issuer;
      }
      if (entry.url !== undefined && !this.facts.knowsUrl(entry.url)) delete entry.url;
      entry.evidence = this.refs(entry.evidence, `${path}.evidence`);
      if (entry.evidence.length === 0)
        entry.evidence = known.evidence.map((ref) => ({ kind: ref.kind, id: ref.id }));
      this.checkPlainDate(entry, 'date', path, [known.date]);
      out.push(entry);
    });
    return out;
  }

  private languages(entries: ResumeDocument['languages']): ResumeDocument['languages'] {
    return entries.filter((entry, i) => {
      this.units++;
      const key = normaliseText(entry.language ?? '');
      if (this.profile.languages.some((known) => normaliseText(known.name) === key)) return true;
      this.removed++;
      this.note('warn', 'evidence', `languages[${i}]`, entry.language, 'removed', [
        'not a language of the candidate’s evidence',
      ]);
      return false;
    });
  }

  // ─── dates ─────────────────────────────────────────────────────────────────────────────────────────────

  /** A position's dates: start as the evidence gives it; no end for a current position, its end otherwise. */
  private checkDates(
    entry: { startDate?: string; endDate?: string },
    path: string,
    start: string | null,
    end: string | null,
    current: boolean,
    otherStarts: string[],
  ): void {
    this.checkPlainDate(entry, 'startDate', path, [start, ...otherStarts]);
    if (current) {
      if (entry.endDate !== undefined) {
        this.note('warn', 'date', `${path}.endDate`, entry.endDate, 'removed', [
          'the position is current in the evidence',
        ]);
        delete entry.endDate;
      }
      return;
    }
    if (entry.endDate === undefined) {
      const fixed = resumeDate(end);
      if (fixed) {
        entry.endDate = fixed;
        this.note('warn', 'date', `${path}.endDate`, '(none)', 'removed', [
          `no end date claims a current position; the evidence ends it ${fixed}`,
        ]);
      }
      return;
    }
    this.checkPlainDate(entry, 'endDate', path, [end]);
  }

  /** A date must agree (to the precision both give) with one the evidence gives; else corrected or removed. */
  private checkPlainDate<K extends string>(
    entry: Partial<Record<K, string>>,
    field: K,
    path: string,
    truths: (string | null)[],
  ): void {
    const value = entry[field];
    if (value === undefined) return;
    const known = truths.filter((truth): truth is string => !!truth && monthIndex(truth) !== null);
    if (known.some((truth) => sameDate(value, truth))) return;
    const fixed = resumeDate(known[0] ?? null);
    if (fixed) {
      entry[field] = fixed as Partial<Record<K, string>>[K];
      this.note('warn', 'date', `${path}.${field}`, value, 'removed', [
        `not the date of the evidence; corrected to ${fixed}`,
      ]);
    } else {
      delete entry[field];
      this.note('warn', 'date', `${path}.${field}`, value, 'removed', ['the evidence gives no such date']);
    }
  }

  // ─── evidence references ───────────────────────────────────────────────────────────────────────────────

  /** The references that resolve to facts, as the facts give them (kind, id, URL); the rest dropped. */
  private refs(refs: EvidenceRefDto[] | undefined, path: string): EvidenceRefDto[] {
    const out: EvidenceRefDto[] = [];
    for (const ref of refs ?? []) {
      const fact = ref && typeof ref.id === 'string' ? this.facts.facts.get(ref.id) : undefined;
      if (!fact) {
        this.note('warn', 'evidence', `${path}.evidence`, String(ref?.id ?? ''), 'removed', [
          'the reference does not resolve to a fact of the profile',
        ]);
        continue;
      }
      if (out.some((seen) => seen.id === fact.id)) continue;
      const clean: EvidenceRefDto = { kind: fact.kind, id: fact.id };
      if (fact.url) clean.url = fact.url;
      if (ref.excerpt && this.facts.textSupports([fact.id], ref.excerpt)) clean.excerpt = ref.excerpt;
      out.push(clean);
      if (out.length >= 10) break;
    }
    return out;
  }

  private knownEmail(email: string): boolean {
    const wanted = email.trim().toLowerCase();
    if (this.profile.identity.email?.value.toLowerCase() === wanted) return true;
    return this.profile.evidence.some(
      (fact) => fact.kind === 'linkedin_email' && fact.label.toLowerCase().startsWith(`${wanted} `),
    );
  }

  private knownPhone(phone: string): boolean {
    const digits = phone.replace(/\D/g, '');
    if (digits.length < 5) return false;
    return this.facts
      .allIds()
      .some((id) => this.facts.textsOf(id).some((text) => text.replace(/\D/g, '').includes(digits)));
  }

  private note(
    severity: FindingSeverity,
    kind: FindingKind,
    path: string,
    value: string | undefined,
    action: FactCheckFinding['action'],
    reasons: string[],
  ): void {
    this.findings.push({ severity, kind, path, value: value ?? '', action, reason: reasons.join('; ') });
  }
}

/** Sentences of a summary (kept as written, trailing punctuation included). */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

/** Two dates agree to the precision both have (`2021` agrees with `2021-03-15`). */
function sameDate(a: string, b: string): boolean {
  const precision = Math.min(datePrecision(a), datePrecision(b), 2);
  if (precision === 0) return false;
  return a.slice(0, precision === 1 ? 4 : 7) === b.slice(0, precision === 1 ? 4 : 7);
}

/** A date as a resume document takes it (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`), from a partial date or timestamp. */
function resumeDate(date: string | null): string | undefined {
  if (!date) return undefined;
  const day = date.slice(0, 10);
  if (PARTIAL_DATE.test(day)) return day;
  return PARTIAL_DATE.test(date.slice(0, 7)) ? date.slice(0, 7) : undefined;
}

/** The document's keys in the canonical order (summary after basics). */
function reorder(document: ResumeDocument): ResumeDocument {
  const { basics, summary, skills, experience, projects, education, certifications, languages } = document;
  return {
    basics,
    ...(summary !== undefined ? { summary } : {}),
    skills,
    experience,
    projects,
    education,
    certifications,
    languages,
  };
}
