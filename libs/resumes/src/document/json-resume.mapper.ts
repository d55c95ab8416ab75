/**
 * Import from and export to JSON Resume (jsonresume.org, schema v1, as published in `@jsonresume/schema`).
 *
 * Field mapping (ours ← → JSON Resume):
 *   basics.{name,label,email,phone,url}        ↔ basics.{same}
 *   basics.location.{address,postalCode,city,countryCode,region} ↔ basics.location.{same}
 *   basics.profiles[].{network,username,url}   ↔ basics.profiles[].{same}
 *   summary                                    ↔ basics.summary
 *   skills[].{name,level}, skills[].items[].name ↔ skills[].{name,level}, skills[].keywords[]
 *   experience[].company                       ↔ work[].name
 *   experience[].{position,url,location,startDate,endDate,summary} ↔ work[].{same}
 *   experience[].bullets[].text                ↔ work[].highlights[]
 *   projects[].{name,description,url,startDate,endDate,keywords,roles} ↔ projects[].{same}
 *   projects[].bullets[].text                  ↔ projects[].highlights[]
 *   education[].{institution,url,area,studyType,startDate,endDate,score,courses} ↔ education[].{same}
 *   certifications[].{name,issuer,date,url}    ↔ certificates[].{same}
 *   languages[].{language,fluency}             ↔ languages[].{same}
 *
 * Round-trip rules:
 * - Strings and dates are copied exactly (no trimming, no reformatting).
 * - Lists our model always has (the sections, `bullets`/`highlights`, skill `items`/`keywords`): an absent
 *   list imports as `[]`, and export omits an empty one. So JSON Resume → ours → JSON Resume gives back every
 *   shared field exactly, except that an empty list there comes back absent (the two mean the same).
 * - Optional lists (`basics.profiles`, project `keywords`/`roles`, education `courses`) and the optional
 *   `basics.location` object are copied as they are both ways: absent stays absent, `[]` stays `[]`.
 * - Ours → JSON Resume → ours gives back the same document except the `evidence` references (on bullets,
 *   skill items, projects, education and certifications), which JSON Resume has no place for.
 * - JSON Resume fields our model does not hold are not imported; `fromJsonResume` lists them in `dropped`
 *   as JSON pointers (RFC 6901) into the input: `/$schema`, `/meta`, `/awards`, `/publications`,
 *   `/volunteer`, `/interests`, `/references`, `/basics/image`, `/work/N/description`,
 *   `/education/N/location`, `/projects/N/entity`, `/projects/N/type`, and any member the schema does not
 *   define (it allows additional properties). Empty values (`""`, `[]`, `{}`, `null`) are not listed:
 *   nothing is lost with them.
 * - `work[].location` may be a string or a location object in JSON Resume; ours is a string. A string is
 *   copied; an object is flattened to `address, postalCode city, region, countryCode` and its pointer is
 *   listed in `converted` (its other members, if any, in `dropped`).
 *
 * Validation: `validateJsonResume(input)` runs the official JSON Schema (Ajv 8, draft-07, with formats),
 * then maps the input and runs our own class-validator rules on the result, reporting those errors at the
 * JSON Resume path they come from, so an import that passes it always stores a valid document. Call it
 * before `fromJsonResume`, which maps whatever it is given (values of the wrong type are treated as absent).
 */
import { createRequire } from 'node:module';

import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

import {
  type BasicsDto,
  type CertificationDto,
  type EducationDto,
  type ExperienceDto,
  type LanguageDto,
  type LocationDto,
  type ProfileLinkDto,
  type ProjectDto,
  ResumeDocumentDto,
  type ResumeDocument,
  type SkillGroupDto,
} from './resume-document.dto';

// ---- JSON Resume types (schema v1) ---------------------------------------------------------------------

export interface JsonResumeLocation {
  address?: string;
  postalCode?: string;
  city?: string;
  countryCode?: string;
  region?: string;
}

export interface JsonResumeProfile {
  network?: string;
  username?: string;
  url?: string;
}

export interface JsonResumeBasics {
  name?: string;
  label?: string;
  image?: string;
  email?: string;
  phone?: string;
  url?: string;
  summary?: string;
  location?: JsonResumeLocation;
  profiles?: JsonResumeProfile[];
}

export interface JsonResumeWork {
  name?: string;
  /** A string in most files; newer schema versions also allow a location object. */
  location?: string | JsonResumeLocation;
  description?: string;
  position?: string;
  url?: string;
  startDate?: string;
  endDate?: string;
  summary?: string;
  highlights?: string[];
}

export interface JsonResumeEducation {
  institution?: string;
  location?: JsonResumeLocation;
  url?: string;
  area?: string;
  studyType?: string;
  startDate?: string;
  endDate?: string;
  score?: string;
  courses?: string[];
}

export interface JsonResumeCertificate {
  name?: string;
  date?: string;
  url?: string;
  issuer?: string;
}

export interface JsonResumeSkill {
  name?: string;
  level?: string;
  keywords?: string[];
}

export interface JsonResumeLanguage {
  language?: string;
  fluency?: string;
}

export interface JsonResumeProject {
  name?: string;
  description?: string;
  highlights?: string[];
  keywords?: string[];
  startDate?: string;
  endDate?: string;
  url?: string;
  roles?: string[];
  entity?: string;
  type?: string;
}

/** A JSON Resume document. Sections our model does not hold are typed loosely: they are never produced. */
export interface JsonResume {
  $schema?: string;
  basics?: JsonResumeBasics;
  work?: JsonResumeWork[];
  volunteer?: Record<string, unknown>[];
  education?: JsonResumeEducation[];
  awards?: Record<string, unknown>[];
  certificates?: JsonResumeCertificate[];
  publications?: Record<string, unknown>[];
  skills?: JsonResumeSkill[];
  languages?: JsonResumeLanguage[];
  interests?: Record<string, unknown>[];
  references?: Record<string, unknown>[];
  projects?: JsonResumeProject[];
  meta?: Record<string, unknown>;
}

/** One validation problem: a JSON pointer (RFC 6901) into the validated value, and what is wrong there. */
export interface PathError {
  path: string;
  message: string;
}

export interface JsonResumeImport {
  document: ResumeDocument;
  /** JSON pointers of input members our model does not keep (not imported). */
  dropped: string[];
  /** JSON pointers of input members kept in another form (a `work[].location` object became a string). */
  converted: string[];
}

/** The npm package that ships the official schema, and the version this code was written against. */
export const JSON_RESUME_SCHEMA_PACKAGE = '@jsonresume/schema';
export const JSON_RESUME_SCHEMA_VERSION = '1.3.1';

// ---- import ---------------------------------------------------------------------------------------------

type Json = Record<string, unknown>;

interface ImportContext {
  dropped: string[];
  converted: string[];
}

const ROOT_KEYS = ['basics', 'work', 'education', 'certificates', 'skills', 'languages', 'projects'];
const BASICS_KEYS = ['name', 'label', 'email', 'phone', 'url', 'summary', 'location', 'profiles'];
const LOCATION_KEYS = ['address', 'postalCode', 'city', 'countryCode', 'region'];
const PROFILE_KEYS = ['network', 'username', 'url'];
const WORK_KEYS = ['name', 'location', 'position', 'url', 'startDate', 'endDate', 'summary', 'highlights'];
const EDUCATION_KEYS = [
  'institution',
  'url',
  'area',
  'studyType',
  'startDate',
  'endDate',
  'score',
  'courses',
];
const CERTIFICATE_KEYS = ['name', 'date', 'url', 'issuer'];
const SKILL_KEYS = ['name', 'level', 'keywords'];
const LANGUAGE_KEYS = ['language', 'fluency'];
const PROJECT_KEYS = [
  'name',
  'description',
  'highlights',
  'keywords',
  'startDate',
  'endDate',
  'url',
  'roles',
];

/** Maps a JSON Resume document to ours. See the file comment for what is kept, dropped and converted. */
export function fromJsonResume(input: unknown): JsonResumeImport {
  const ctx: ImportContext = { dropped: [], converted: [] };
  const root = asObject(input);
  const basicsIn = asObject(root.basics);
  noteUnknown(root, '', ROOT_KEYS, ctx);
  noteUnknown(basicsIn, '/basics', BASICS_KEYS, ctx);

  const basics: BasicsDto = compact({
    name: str(basicsIn.name) ?? '',
    label: str(basicsIn.label),
    email: str(basicsIn.email),
    phone: str(basicsIn.phone),
    url: str(basicsIn.url),
    location: isObject(basicsIn.location)
      ? importLocation(basicsIn.location, '/basics/location', ctx)
      : undefined,
    profiles: Array.isArray(basicsIn.profiles)
      ? basicsIn.profiles.map((p, i) => importProfile(asObject(p), `/basics/profiles/${i}`, ctx))
      : undefined,
  });

  const document: ResumeDocument = compact({
    basics,
    summary: str(basicsIn.summary),
    skills: objects(root.skills).map((s, i) => importSkill(s, `/skills/${i}`, ctx)),
    experience: objects(root.work).map((w, i) => importWork(w, `/work/${i}`, ctx)),
    projects: objects(root.projects).map((p, i) => importProject(p, `/projects/${i}`, ctx)),
    education: objects(root.education).map((e, i) => importEducation(e, `/education/${i}`, ctx)),
    certifications: objects(root.certificates).map((c, i) => importCertificate(c, `/certificates/${i}`, ctx)),
    languages: objects(root.languages).map((l, i) => importLanguage(l, `/languages/${i}`, ctx)),
  });
  return { document, dropped: ctx.dropped, converted: ctx.converted };
}

function importLocation(loc: Json, path: string, ctx: ImportContext): LocationDto {
  noteUnknown(loc, path, LOCATION_KEYS, ctx);
  return compact({
    address: str(loc.address),
    postalCode: str(loc.postalCode),
    city: str(loc.city),
    countryCode: str(loc.countryCode),
    region: str(loc.region),
  });
}

function importProfile(p: Json, path: string, ctx: ImportContext): ProfileLinkDto {
  noteUnknown(p, path, PROFILE_KEYS, ctx);
  return compact({ network: str(p.network) ?? '', username: str(p.username), url: str(p.url) });
}

function importSkill(s: Json, path: string, ctx: ImportContext): SkillGroupDto {
  noteUnknown(s, path, SKILL_KEYS, ctx);
  return compact({
    name: str(s.name) ?? '',
    level: str(s.level),
    items: (strings(s.keywords) ?? []).map((name) => ({ name })),
  });
}

function importWork(w: Json, path: string, ctx: ImportContext): ExperienceDto {
  noteUnknown(w, path, WORK_KEYS, ctx);
  let location = str(w.location);
  if (isObject(w.location)) {
    noteUnknown(w.location, `${path}/location`, LOCATION_KEYS, ctx);
    location = flattenLocation(w.location);
    ctx.converted.push(`${path}/location`);
  }
  return compact({
    company: str(w.name) ?? '',
    position: str(w.position) ?? '',
    url: str(w.url),
    location,
    startDate: str(w.startDate),
    endDate: str(w.endDate),
    summary: str(w.summary),
    bullets: (strings(w.highlights) ?? []).map((text) => ({ text })),
  });
}

function importProject(p: Json, path: string, ctx: ImportContext): ProjectDto {
  noteUnknown(p, path, PROJECT_KEYS, ctx);
  return compact({
    name: str(p.name) ?? '',
    description: str(p.description),
    url: str(p.url),
    startDate: str(p.startDate),
    endDate: str(p.endDate),
    keywords: strings(p.keywords),
    roles: strings(p.roles),
    bullets: (strings(p.highlights) ?? []).map((text) => ({ text })),
  });
}

function importEducation(e: Json, path: string, ctx: ImportContext): EducationDto {
  noteUnknown(e, path, EDUCATION_KEYS, ctx);
  return compact({
    institution: str(e.institution) ?? '',
    url: str(e.url),
    area: str(e.area),
    studyType: str(e.studyType),
    startDate: str(e.startDate),
    endDate: str(e.endDate),
    score: str(e.score),
    courses: strings(e.courses),
  });
}

function importCertificate(c: Json, path: string, ctx: ImportContext): CertificationDto {
  noteUnknown(c, path, CERTIFICATE_KEYS, ctx);
  return compact({ name: str(c.name) ?? '', issuer: str(c.issuer), date: str(c.date), url: str(c.url) });
}

function importLanguage(l: Json, path: string, ctx: ImportContext): LanguageDto {
  noteUnknown(l, path, LANGUAGE_KEYS, ctx);
  return compact({ language: str(l.language) ?? '', fluency: str(l.fluency) });
}

/** `address, postalCode city, region, countryCode`, leaving out the parts that are missing. */
function flattenLocation(loc: Json): string | undefined {
  const cityLine = [str(loc.postalCode), str(loc.city)].filter(nonEmpty).join(' ');
  const parts = [str(loc.address), cityLine, str(loc.region), str(loc.countryCode)].filter(nonEmpty);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function noteUnknown(object: Json, path: string, known: readonly string[], ctx: ImportContext): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key) && carriesData(object[key])) ctx.dropped.push(`${path}/${pointerToken(key)}`);
  }
}

function carriesData(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.keys(value).length > 0;
  return true;
}

// ---- export ---------------------------------------------------------------------------------------------

/** Maps our document to JSON Resume. Loses only the evidence references (see the file comment). */
export function toJsonResume(doc: ResumeDocument): JsonResume {
  const b = doc.basics;
  const out: JsonResume = {
    basics: compact({
      name: b.name,
      label: b.label,
      email: b.email,
      phone: b.phone,
      url: b.url,
      summary: doc.summary,
      location: b.location === undefined ? undefined : exportLocation(b.location),
      profiles: b.profiles?.map((p) => compact({ network: p.network, username: p.username, url: p.url })),
    }),
  };
  if (doc.experience.length > 0) {
    out.work = doc.experience.map((e) =>
      compact({
        name: e.company,
        location: e.location,
        position: e.position,
        url: e.url,
        startDate: e.startDate,
        endDate: e.endDate,
        summary: e.summary,
        highlights: nonEmptyList(e.bullets.map((bullet) => bullet.text)),
      }),
    );
  }
  if (doc.education.length > 0) {
    out.education = doc.education.map((e) =>
      compact({
        institution: e.institution,
        url: e.url,
        area: e.area,
        studyType: e.studyType,
        startDate: e.startDate,
        endDate: e.endDate,
        score: e.score,
        courses: e.courses === undefined ? undefined : [...e.courses],
      }),
    );
  }
  if (doc.certifications.length > 0) {
    out.certificates = doc.certifications.map((c) =>
      compact({ name: c.name, date: c.date, url: c.url, issuer: c.issuer }),
    );
  }
  if (doc.skills.length > 0) {
    out.skills = doc.skills.map((s) =>
      compact({ name: s.name, level: s.level, keywords: nonEmptyList(s.items.map((item) => item.name)) }),
    );
  }
  if (doc.languages.length > 0) {
    out.languages = doc.languages.map((l) => compact({ language: l.language, fluency: l.fluency }));
  }
  if (doc.projects.length > 0) {
    out.projects = doc.projects.map((p) =>
      compact({
        name: p.name,
        description: p.description,
        highlights: nonEmptyList(p.bullets.map((bullet) => bullet.text)),
        keywords: p.keywords === undefined ? undefined : [...p.keywords],
        startDate: p.startDate,
        endDate: p.endDate,
        url: p.url,
        roles: p.roles === undefined ? undefined : [...p.roles],
      }),
    );
  }
  return out;
}

function exportLocation(loc: LocationDto): JsonResumeLocation {
  return compact({
    address: loc.address,
    postalCode: loc.postalCode,
    city: loc.city,
    countryCode: loc.countryCode,
    region: loc.region,
  });
}

// ---- validation -----------------------------------------------------------------------------------------

let officialSchemaValidator: ValidateFunction | undefined;

/**
 * Loads and compiles the official schema once. It comes from the `@jsonresume/schema` package (MIT), read
 * through Node's resolver so that a missing package fails here with a clear message, not at import time.
 */
function officialValidator(): ValidateFunction {
  if (officialSchemaValidator) return officialSchemaValidator;
  let schema: object;
  try {
    const load = createRequire(__filename);
    schema = load(`${JSON_RESUME_SCHEMA_PACKAGE}/schema.json`) as object;
  } catch (error) {
    throw new Error(
      `The JSON Resume schema could not be loaded from ${JSON_RESUME_SCHEMA_PACKAGE}; install it with ` +
        `npm install --save-exact ${JSON_RESUME_SCHEMA_PACKAGE}@${JSON_RESUME_SCHEMA_VERSION}`,
      { cause: error },
    );
  }
  // strict:false as the JSON Resume tooling itself compiles it; allErrors so every problem is listed at once.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  officialSchemaValidator = ajv.compile(schema);
  return officialSchemaValidator;
}

/**
 * Every reason an import of `input` would fail, as JSON pointers into `input`: first what the official
 * JSON Resume schema rejects, then what our model rejects once mapped (lengths, list sizes, URL and date
 * rules, required names), each reported at the JSON Resume path it comes from. An error of ours at or
 * under a path the schema already reported is left out (one cause, one report). Empty: import is safe.
 */
export function validateJsonResume(input: unknown): PathError[] {
  const errors: PathError[] = [];
  const seen = new Set<string>();
  const add = (error: PathError) => {
    const key = `${error.path}\u0000${error.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      errors.push(error);
    }
  };

  const validate = officialValidator();
  if (!validate(input)) {
    for (const error of validate.errors ?? [])
      add({ path: error.instancePath, message: schemaMessage(error) });
  }
  const schemaPaths = errors.map((error) => error.path);

  const { document } = fromJsonResume(input);
  for (const error of validateResumeDocument(document)) {
    const path = toJsonResumePath(error.path);
    if (schemaPaths.some((schemaPath) => related(schemaPath, path))) continue;
    const message = valueAt(input, path) === undefined ? 'is required' : error.message;
    add({ path, message });
  }
  return errors;
}

function schemaMessage(error: ErrorObject): string {
  if (error.keyword === 'pattern' && error.schemaPath.endsWith('/iso8601/pattern')) {
    return 'must be a date like 2024, 2024-05 or 2024-05-17 (years 1000-2999)';
  }
  return error.message ?? `does not satisfy ${error.keyword}`;
}

/**
 * Our own rules (the class-validator decorators of `ResumeDocumentDto`, with the global ValidationPipe's
 * whitelist options) on a plain document, as JSON pointers into the document. Empty: valid.
 */
export function validateResumeDocument(doc: unknown): PathError[] {
  if (!isObject(doc)) return [{ path: '', message: 'must be an object' }];
  const instance = plainToInstance(ResumeDocumentDto, doc);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true });
  const out: PathError[] = [];
  flattenErrors(errors, '', out);
  return out;
}

function flattenErrors(errors: ValidationError[], parent: string, out: PathError[]): void {
  for (const error of errors) {
    const path = `${parent}/${pointerToken(error.property)}`;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      out.push({
        path,
        message:
          constraint === 'whitelistValidation'
            ? 'is not a field of the resume document'
            : withoutProperty(message, error.property),
      });
    }
    if (error.children?.length) flattenErrors(error.children, path, out);
  }
}

/** class-validator says "company must be ..."; the path already names the field, and JSON Resume calls it `name`. */
function withoutProperty(message: string, property: string): string {
  if (message.startsWith(`${property} `)) return message.slice(property.length + 1);
  if (message.startsWith(`each value in ${property} `)) {
    return `each value ${message.slice(`each value in ${property} `.length)}`;
  }
  return message;
}

/** A pointer into our document → the pointer into the JSON Resume it was imported from. */
export function toJsonResumePath(path: string): string {
  const parts = path.split('/').slice(1);
  const [section] = parts;
  if (section === 'summary') {
    parts.splice(0, 1, 'basics', 'summary');
  } else if (section === 'experience' || section === 'projects') {
    if (section === 'experience') parts[0] = 'work';
    if (parts[2] === 'company' && section === 'experience') parts[2] = 'name';
    if (parts[2] === 'bullets') {
      parts[2] = 'highlights';
      if (parts[4] === 'text') parts.splice(4, 1);
    }
  } else if (section === 'skills') {
    if (parts[2] === 'items') {
      parts[2] = 'keywords';
      if (parts[4] === 'name') parts.splice(4, 1);
    }
  } else if (section === 'certifications') {
    parts[0] = 'certificates';
  }
  return parts.length === 0 ? '' : `/${parts.join('/')}`;
}

function related(a: string, b: string): boolean {
  return a === b || b.startsWith(`${a}/`) || a.startsWith(`${b}/`);
}

function valueAt(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let current = value;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) current = current[Number(token)];
    else if (isObject(current) && Object.prototype.hasOwnProperty.call(current, token))
      current = current[token];
    else return undefined;
  }
  return current;
}

// ---- helpers --------------------------------------------------------------------------------------------

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: unknown): Json {
  return isObject(value) ? value : {};
}

/** The entries of a list (absent: `[]`); an entry that is not an object maps as an empty one, keeping indexes. */
function objects(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(asObject) : [];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A list of strings as given (absent stays absent); an item that is not a string becomes `''`, keeping indexes. */
function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item : '')) : undefined;
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

function nonEmptyList<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}

/** Drops members whose value is `undefined`, so absent stays absent (no `key: undefined` members). */
function compact<T extends object>(object: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(object)) if (value !== undefined) out[key] = value;
  return out as T;
}

function pointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
