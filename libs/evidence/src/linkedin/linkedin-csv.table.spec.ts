import { describe, expect, it } from 'vitest';

import { POSITION_COLUMNS, PROJECT_COLUMNS, SKILL_COLUMNS } from './linkedin-columns';
import { readCsvTable } from './linkedin-csv.table';
import { thrownDomainError } from './testing/domain-error.capture';
import { UNTERMINATED_QUOTE_POSITIONS_CSV } from './testing/linkedin-export.fixture';

const csv = (text: string | Buffer) => (typeof text === 'string' ? Buffer.from(text, 'utf8') : text);

const thrown = thrownDomainError;

const csvProblem = (field: string, message: string, rule = 'csv') => ({
  status: 422,
  code: 'linkedin_csv_invalid',
  errors: [{ in: 'body', field, rule, message }],
});

describe('readCsvTable', () => {
  it('reads columns by header name, with BOM, CRLF and quoted line breaks, citing the line each row starts on', () => {
    const table = readCsvTable(
      'Positions.csv',
      csv(
        '\ufeffCompany Name,Title,Description,Location,Started On,Finished On\r\n' +
          'Acme,Engineer,"Line one\r\nline ""two""\r\nline three",Berlin,Mar 2021,\r\n' +
          '\r\n' +
          'Globex,Intern,,,2019,2019\r\n',
      ),
      POSITION_COLUMNS,
    );
    expect(table).toEqual({
      empty: false,
      headers: {
        company: 'Company Name',
        title: 'Title',
        description: 'Description',
        location: 'Location',
        startDate: 'Started On',
        endDate: 'Finished On',
      },
      rows: [
        {
          line: 2,
          values: {
            company: 'Acme',
            title: 'Engineer',
            description: 'Line one\nline "two"\nline three',
            location: 'Berlin',
            startDate: 'Mar 2021',
          },
        },
        { line: 6, values: { company: 'Globex', title: 'Intern', startDate: '2019', endDate: '2019' } },
      ],
    });
  });

  it('finds reordered and renamed columns, matching names loosely', () => {
    const table = readCsvTable(
      'Positions.csv',
      csv('finished_on, START DATE ,company,Job-Title,Notes\nPresent,2020,Acme,Engineer,ignored\n'),
      POSITION_COLUMNS,
    );
    expect(table.headers).toEqual({
      company: 'company',
      title: 'Job-Title',
      startDate: 'START DATE',
      endDate: 'finished_on',
    });
    expect(table.rows).toEqual([
      { line: 2, values: { company: 'Acme', title: 'Engineer', startDate: '2020', endDate: 'Present' } },
    ]);
  });

  it('prefers the first alias when a file has several', () => {
    const table = readCsvTable(
      'Projects.csv',
      csv('Name,Title\nsecond choice,first choice\n'),
      PROJECT_COLUMNS,
    );
    expect(table.rows[0].values).toEqual({ title: 'first choice' });
  });

  it('skips blank lines and rows whose cells are all empty', () => {
    const table = readCsvTable('Skills.csv', csv('\nName,Other\n\nGo,\n , \n,\nRust,x'), {
      name: { aliases: ['Name'], required: true },
      other: { aliases: ['Other'] },
    });
    expect(table.rows).toEqual([
      { line: 4, values: { name: 'Go' } },
      { line: 7, values: { name: 'Rust', other: 'x' } },
    ]);
  });

  it('reports an empty file as empty', () => {
    expect(readCsvTable('Skills.csv', csv(''), SKILL_COLUMNS)).toEqual({
      headers: {},
      rows: [],
      empty: true,
    });
    expect(readCsvTable('Skills.csv', csv('\ufeff\n\n'), SKILL_COLUMNS)).toEqual({
      headers: {},
      rows: [],
      empty: true,
    });
    expect(readCsvTable('Skills.csv', csv('Name\n'), SKILL_COLUMNS)).toEqual({
      headers: { name: 'Name' },
      rows: [],
      empty: false,
    });
  });

  it('names the line where an unterminated quoted field starts', () => {
    const error = thrown(() =>
      readCsvTable('export/Positions.csv', csv(UNTERMINATED_QUOTE_POSITIONS_CSV), POSITION_COLUMNS),
    );
    expect(error).toMatchObject(
      csvProblem('archive/export/Positions.csv', 'line 7: unterminated quoted field'),
    );
    expect(error.message).toBe(
      'export/Positions.csv in the LinkedIn archive cannot be read: line 7: unterminated quoted field.',
    );
  });

  it('names the line of a row with too many or too few columns', () => {
    const tooMany = 'Company Name,Title\nAcme,Engineer\n"Globex\nInc",Intern,extra\n';
    expect(thrown(() => readCsvTable('Positions.csv', csv(tooMany), POSITION_COLUMNS))).toMatchObject(
      csvProblem('archive/Positions.csv', 'line 3: row has 3 columns but the header has 2'),
    );
    const tooFew = 'Company Name,Title\r\nAcme,Engineer\r\n\r\nGlobex\r\n';
    expect(thrown(() => readCsvTable('Positions.csv', csv(tooFew), POSITION_COLUMNS))).toMatchObject(
      csvProblem('archive/Positions.csv', 'line 4: row has 1 columns but the header has 2'),
    );
  });

  it('refuses a file without a required column, naming the names it accepts', () => {
    const error = thrown(() =>
      readCsvTable('Positions.csv', csv('\nTitle,Description\nEngineer,APIs\n'), POSITION_COLUMNS),
    );
    expect(error).toMatchObject(
      csvProblem(
        'archive/Positions.csv',
        'line 2: missing required column "Company Name" (accepted names: "Company Name", "Company", "Organization")',
        'header',
      ),
    );
  });

  it('refuses bytes that are not UTF-8, naming their line', () => {
    const latin1 = Buffer.concat([Buffer.from('Name\nGo\nM'), Buffer.from([0xfc]), Buffer.from('nchen\n')]);
    expect(thrown(() => readCsvTable('Skills.csv', latin1, SKILL_COLUMNS))).toMatchObject(
      csvProblem('archive/Skills.csv', 'line 3: bytes that are not UTF-8', 'encoding'),
    );
  });

  it('tolerates a stray quote inside an unquoted field', () => {
    const table = readCsvTable('Skills.csv', csv('Name\n5" displays\n'), SKILL_COLUMNS);
    expect(table.rows).toEqual([{ line: 2, values: { name: '5" displays' } }]);
  });
});
