import { type LinkedInArchiveFile } from './linkedin-archive.reader';
import {
  CERTIFICATION_COLUMNS,
  type CsvColumnSpecs,
  EDUCATION_COLUMNS,
  EMAIL_ADDRESS_COLUMNS,
  LANGUAGE_COLUMNS,
  POSITION_COLUMNS,
  PROFILE_COLUMNS,
  PROJECT_COLUMNS,
  SKILL_COLUMNS,
} from './linkedin-columns';
import { type CsvTableRow, readCsvTable } from './linkedin-csv.table';
import { parseLinkedInDate } from './linkedin-date';
import {
  LINKEDIN_REF_KINDS,
  type LinkedInExport,
  type LinkedInImportWarning,
  type LinkedInRecord,
  type PartialIsoDate,
} from './linkedin-export.types';
import { LINKEDIN_FILES, type LinkedInFileName } from './linkedin-files';
import { parseHandles, parseWebsites } from './linkedin-profile-links';

/** What a record builder gets for one row: its cells by key, and dates parsed with warnings. */
interface RowReader<K extends string> {
  values: Partial<Record<K, string>>;
  /** The cell as a partial ISO date; an unknown format is left out with a warning. */
  date(key: K): PartialIsoDate | undefined;
}

/** Reads one file's rows into records of one kind, numbering them and citing their source. */
function readRecords<K extends string, R extends object>(
  file: LinkedInArchiveFile | undefined,
  specs: CsvColumnSpecs<K>,
  kind: string,
  warnings: LinkedInImportWarning[],
  build: (row: RowReader<K>) => R,
): (R & LinkedInRecord)[] {
  if (!file) return [];
  const table = readCsvTable(file.entryName, file.content, specs);
  if (table.empty) warnings.push({ file: file.name, line: 1, message: 'the file is empty' });
  const warn = (line: number, key: K | undefined, message: string) =>
    warnings.push({ file: file.name, line, ...(key && { column: table.headers[key] }), message });
  const records: (R & LinkedInRecord)[] = [];
  for (const row of table.rows) {
    const missing = requiredKeys(specs).find((key) => row.values[key] === undefined);
    if (missing !== undefined) {
      warn(row.line, missing, `row skipped: "${table.headers[missing]}" is empty`);
      continue;
    }
    const record = build(rowReader(row, (key, message) => warn(row.line, key, message)));
    records.push({
      ref: `${kind}:${records.length + 1}`,
      source: { file: file.name, entry: file.entryName, line: row.line },
      ...withoutUndefined(record),
    });
  }
  return records;
}

function rowReader<K extends string>(
  row: CsvTableRow<K>,
  warn: (key: K, message: string) => void,
): RowReader<K> {
  return {
    values: row.values,
    date(key) {
      const text = row.values[key];
      if (text === undefined) return undefined;
      const parsed = parseLinkedInDate(text);
      if (parsed.ok) return parsed.date;
      warn(key, `unrecognised date "${text}" left out`);
      return undefined;
    },
  };
}

const requiredKeys = <K extends string>(specs: CsvColumnSpecs<K>): K[] =>
  (Object.keys(specs) as K[]).filter((key) => specs[key].required);

/** The object without its undefined properties, so absent values are absent keys. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const yes = (cell: string | undefined): boolean =>
  cell?.toLowerCase() === 'yes' || cell?.toLowerCase() === 'true';

/**
 * Turns the CSV files extracted from a LinkedIn archive into typed records. Each file is optional; each
 * record cites `ref` (`linkedin_position:1`) and its source line. Malformed files throw 422
 * `linkedin_csv_invalid` (see `readCsvTable`); tolerated oddities are listed in `warnings`.
 */
export function parseLinkedInExport(files: readonly LinkedInArchiveFile[]): LinkedInExport {
  const byName = new Map<LinkedInFileName, LinkedInArchiveFile>(files.map((file) => [file.name, file]));
  const warnings: LinkedInImportWarning[] = [];
  const read = <K extends string, R extends object>(
    name: LinkedInFileName,
    specs: CsvColumnSpecs<K>,
    kind: string,
    build: (row: RowReader<K>) => R,
  ) => readRecords(byName.get(name), specs, kind, warnings, build);

  const profiles = read('Profile.csv', PROFILE_COLUMNS, LINKEDIN_REF_KINDS.profile, ({ values: v }) => ({
    firstName: v.firstName ?? '',
    lastName: v.lastName ?? '',
    headline: v.headline,
    summary: v.summary,
    industry: v.industry,
    location: v.location,
    websites: parseWebsites(v.websites),
    twitterHandles: parseHandles(v.twitterHandles),
  }));
  if (profiles.length > 1) {
    const { line } = profiles[1].source;
    warnings.push({
      file: 'Profile.csv',
      line,
      message: `${profiles.length} profile rows; only the first is read`,
    });
  }
  const positions = read('Positions.csv', POSITION_COLUMNS, LINKEDIN_REF_KINDS.position, (row) => ({
    company: row.values.company ?? '',
    title: row.values.title ?? '',
    description: row.values.description,
    location: row.values.location,
    startDate: row.date('startDate'),
    endDate: row.date('endDate'),
  }));
  const education = read('Education.csv', EDUCATION_COLUMNS, LINKEDIN_REF_KINDS.education, (row) => ({
    school: row.values.school ?? '',
    degree: row.values.degree,
    field: row.values.field,
    notes: row.values.notes,
    activities: row.values.activities,
    startDate: row.date('startDate'),
    endDate: row.date('endDate'),
  }));
  const skills = read('Skills.csv', SKILL_COLUMNS, LINKEDIN_REF_KINDS.skill, ({ values }) => ({
    name: values.name ?? '',
  }));
  const certifications = read(
    'Certifications.csv',
    CERTIFICATION_COLUMNS,
    LINKEDIN_REF_KINDS.certification,
    (row) => ({
      name: row.values.name ?? '',
      authority: row.values.authority,
      url: row.values.url,
      licenseNumber: row.values.licenseNumber,
      startDate: row.date('startDate'),
      endDate: row.date('endDate'),
    }),
  );
  const languages = read('Languages.csv', LANGUAGE_COLUMNS, LINKEDIN_REF_KINDS.language, ({ values }) => ({
    name: values.name ?? '',
    proficiency: values.proficiency,
  }));
  const projects = read('Projects.csv', PROJECT_COLUMNS, LINKEDIN_REF_KINDS.project, (row) => ({
    title: row.values.title ?? '',
    description: row.values.description,
    url: row.values.url,
    startDate: row.date('startDate'),
    endDate: row.date('endDate'),
  }));
  const emailAddresses = read(
    'Email Addresses.csv',
    EMAIL_ADDRESS_COLUMNS,
    LINKEDIN_REF_KINDS.emailAddress,
    ({ values }) => ({
      address: values.address ?? '',
      primary: yes(values.primary),
      confirmed: yes(values.confirmed),
    }),
  );

  return {
    ...(profiles.length > 0 && { profile: profiles[0] }),
    positions,
    education,
    skills,
    certifications,
    languages,
    projects,
    emailAddresses,
    files: {
      present: LINKEDIN_FILES.filter((name) => byName.has(name)),
      missing: LINKEDIN_FILES.filter((name) => !byName.has(name)),
    },
    warnings,
  };
}
