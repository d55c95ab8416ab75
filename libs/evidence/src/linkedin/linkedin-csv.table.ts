import { CsvError, parse } from 'csv-parse/sync';

import { type CsvColumnSpecs, normalizeHeader } from './linkedin-columns';
import { linkedInCsvInvalid } from './linkedin.errors';

/** One data row: the line it starts on and its non-empty cells (trimmed, line breaks as `\n`) by key. */
export interface CsvTableRow<K extends string> {
  line: number;
  values: Partial<Record<K, string>>;
}

export interface CsvTable<K extends string> {
  /** The header name each found column has in this file, by key (for messages). */
  headers: Partial<Record<K, string>>;
  rows: CsvTableRow<K>[];
  /** True when the file holds no header row at all. */
  empty: boolean;
}

interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  cells: string[];
}

/**
 * Reads a LinkedIn CSV file: UTF-8 (with or without BOM), RFC 4180 quoting (quoted fields may hold commas,
 * doubled quotes and line breaks), `\n` or `\r\n` line ends; columns found by header name (`specs`).
 * Throws a 422 `linkedin_csv_invalid` naming the entry and the line for bytes that are not UTF-8, an
 * unterminated quoted field, a row whose column count differs from the header's, or a missing required
 * column. Blank lines and rows whose cells are all empty are skipped.
 */
export function readCsvTable<K extends string>(
  entryName: string,
  content: Buffer,
  specs: CsvColumnSpecs<K>,
): CsvTable<K> {
  const records = parseRecords(entryName, decodeUtf8(entryName, content));
  if (records.length === 0) return { headers: {}, rows: [], empty: true };
  const [header, ...data] = records;
  const columns = resolveColumns(entryName, header, specs);
  const headers: Partial<Record<K, string>> = {};
  for (const [key, index] of columns) headers[key] = header.cells[index].trim();
  const rows = data
    .filter((record) => record.cells.some((cell) => cell.trim() !== ''))
    .map((record) => ({ line: record.line, values: pickValues(record.cells, columns) }));
  return { headers, rows, empty: false };
}

/** Strict UTF-8 (a leading BOM is dropped); line breaks normalised to `\n` so line numbers are exact. */
function decodeUtf8(entryName: string, content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content).replace(/\r\n?/g, '\n');
  } catch {
    throw linkedInCsvInvalid(
      entryName,
      firstUndecodableLine(content),
      'bytes that are not UTF-8',
      'encoding',
    );
  }
}

function firstUndecodableLine(content: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  for (let line = 1; ; line += 1) {
    const end = content.indexOf(0x0a, start);
    try {
      decoder.decode(content.subarray(start, end === -1 ? content.length : end));
    } catch {
      return line;
    }
    if (end === -1) return line;
    start = end + 1;
  }
}

function parseRecords(entryName: string, text: string): CsvRecord[] {
  const lines = text.split('\n');
  /** The first non-blank line after `line`: where the next record starts (blank lines are skipped). */
  const nextRecordLine = (line: number): number => {
    let next = line + 1;
    while (next <= lines.length && lines[next - 1] === '') next += 1;
    return next;
  };
  /** The line each parsed record ends on (csv-parse counts lines as it goes). */
  const ends: number[] = [];
  let headerLength: number | undefined;
  let parsed: string[][];
  try {
    parsed = parse(text, {
      bom: true,
      record_delimiter: '\n',
      relax_quotes: true,
      skip_empty_lines: true,
      on_record: (record: string[], context) => {
        headerLength ??= record.length;
        ends.push(context.lines);
        return record;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The failing record starts right after the last one parsed (csv-parse reports where it gave up,
    // which for an unterminated quote is the end of the file).
    const line = nextRecordLine(ends.at(-1) ?? 0);
    throw linkedInCsvInvalid(entryName, line, describeCsvError(error, headerLength));
  }
  let previousEnd = 0;
  return parsed.map((cells, index) => {
    const line = nextRecordLine(previousEnd);
    previousEnd = ends[index];
    return { line, cells };
  });
}

function describeCsvError(error: CsvError, headerLength: number | undefined): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'unterminated quoted field';
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const found = (error as CsvError & { record?: unknown[] }).record?.length;
      return `row has ${found} columns but the header has ${headerLength}`;
    }
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a closing quote is followed by other characters';
    default:
      return `malformed CSV (${error.code})`;
  }
}

/**
 * Maps each key to the index of its column: the first of its aliases found in the header. Throws when a
 * required column is missing, listing the names accepted for it.
 */
function resolveColumns<K extends string>(
  entryName: string,
  header: CsvRecord,
  specs: CsvColumnSpecs<K>,
): Map<K, number> {
  const positions = new Map<string, number>();
  header.cells.forEach((name, index) => {
    const normalized = normalizeHeader(name);
    if (!positions.has(normalized)) positions.set(normalized, index);
  });
  const columns = new Map<K, number>();
  for (const key of Object.keys(specs) as K[]) {
    const spec = specs[key];
    const index = spec.aliases
      .map((alias) => positions.get(normalizeHeader(alias)))
      .find((found) => found !== undefined);
    if (index !== undefined) {
      columns.set(key, index);
    } else if (spec.required) {
      const accepted = spec.aliases.map((alias) => `"${alias}"`).join(', ');
      throw linkedInCsvInvalid(
        entryName,
        header.line,
        `missing required column "${spec.aliases[0]}" (accepted names: ${accepted})`,
        'header',
      );
    }
  }
  return columns;
}

function pickValues<K extends string>(
  cells: readonly string[],
  columns: ReadonlyMap<K, number>,
): Partial<Record<K, string>> {
  const values: Partial<Record<K, string>> = {};
  for (const [key, index] of columns) {
    const value = cells[index].trim();
    if (value !== '') values[key] = value;
  }
  return values;
}
