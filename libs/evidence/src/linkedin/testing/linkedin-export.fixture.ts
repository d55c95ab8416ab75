/**
 * LinkedIn "Download your data" exports for tests, written as LinkedIn writes them: the header names and
 * column order of its current exports, quoted multi-line descriptions, "Mar 2021" dates, a BOM and CRLF
 * line ends on some files, and the other files of an export that the import must ignore.
 */
import { type ZipEntrySpec, writeZip } from './zip-writer';

export const PROFILE_CSV =
  'First Name,Last Name,Maiden Name,Address,Birth Date,Headline,Summary,Industry,Zip Code,Geo Location,Twitter Handles,Websites,Instant Messengers\n' +
  'Ada,Lovelace,,"12 St James\'s Square, London",Dec 10 1815,Senior Backend Engineer · Go · Kubernetes,' +
  '"I build payment systems that reconcile to the penny.\n\nPreviously: tracing at Analytical Engines.",' +
  'Software Development,SW1Y 4JH,"London, England, United Kingdom",[adalovelace],' +
  '"[PORTFOLIO:https://ada.dev,OTHER:https://github.com/ada-l]",\n';

/** With a BOM and CRLF line ends, as some LinkedIn exports have; the first description spans three lines. */
export const POSITIONS_CSV =
  '\ufeffCompany Name,Title,Description,Location,Started On,Finished On\r\n' +
  'Analytical Engines Ltd,Senior Backend Engineer,"Moved the payments ledger to Go: p99 from 900 ms to 120 ms.\r\n' +
  '- Designed the ""exactly-once"" settlement pipeline\r\n' +
  '- Mentored four engineers","London, England, United Kingdom",Mar 2021,\r\n' +
  'Difference Labs,Backend Engineer,Built the billing API in Node.js and PostgreSQL.,Remote,Jun 2017,Feb 2021\r\n' +
  'Babbage & Co,Software Engineering Intern,,"Cambridge, England, United Kingdom",2016,2016\r\n';

export const EDUCATION_CSV =
  'School Name,Start Date,End Date,Notes,Degree Name,Activities\n' +
  'University of London,2013,2017,Thesis on numerical methods for difference equations.,"BSc, Mathematics",Chess club\n';

export const SKILLS_CSV = 'Name\nGo\nPostgreSQL\nKubernetes\nDistributed Systems\n';

export const CERTIFICATIONS_CSV =
  'Name,Url,Authority,Started On,Finished On,License Number\n' +
  'Certified Kubernetes Administrator (CKA),https://www.credly.com/badges/0d1e2f,The Linux Foundation,Nov 2022,Nov 2025,LF-12345\n' +
  'AWS Certified Developer – Associate,,Amazon Web Services,Jan 2020,,\n';

export const LANGUAGES_CSV =
  'Name,Proficiency\nEnglish,Native or bilingual proficiency\nFrench,Professional working proficiency\n';

export const PROJECTS_CSV =
  'Title,Description,Url,Started On,Finished On\n' +
  'ledger-lite,"A double-entry ledger in Go, with property-based tests.",https://github.com/ada-l/ledger-lite,Sep 2020,\n';

export const EMAIL_ADDRESSES_CSV =
  'Email Address,Confirmed,Primary,Updated On\n' +
  'ada@example.com,Yes,Yes,"3/1/21, 10:12 AM"\n' +
  'ada.old@example.org,Yes,No,\n';

/** Files of a real export that the import ignores (Connections.csv even starts with a notes preamble). */
export const OTHER_EXPORT_ENTRIES: ZipEntrySpec[] = [
  {
    name: 'Connections.csv',
    data:
      'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n' +
      'First Name,Last Name,URL,Email Address,Company,Position,Connected On\n' +
      'Charles,Babbage,https://www.linkedin.com/in/cbabbage,,Difference Labs,CTO,14 Mar 2019\n',
  },
  {
    name: 'messages.csv',
    data: 'CONVERSATION ID,FROM,TO,DATE,CONTENT\n2-abc,Charles Babbage,Ada Lovelace,2024-01-01,Hi\n',
  },
  { name: 'Articles/', data: '', method: 'store' },
  { name: 'Articles/Articles/on-engines.html', data: '<html><body>On engines</body></html>' },
  {
    name: 'Registration.csv',
    data: 'Registered At,Registration Ip,Subscription Types\n6/1/12 9:00 AM,203.0.113.7,\n',
  },
];

export const FULL_EXPORT_FILES: Record<string, string> = {
  'Profile.csv': PROFILE_CSV,
  'Positions.csv': POSITIONS_CSV,
  'Education.csv': EDUCATION_CSV,
  'Skills.csv': SKILLS_CSV,
  'Certifications.csv': CERTIFICATIONS_CSV,
  'Languages.csv': LANGUAGES_CSV,
  'Projects.csv': PROJECTS_CSV,
  'Email Addresses.csv': EMAIL_ADDRESSES_CSV,
};

/** A complete export: every known file (Skills.csv stored, the rest deflated) among the files we ignore. */
export function fullExportZip(): Buffer {
  const known = Object.entries(FULL_EXPORT_FILES).map(([name, data]): ZipEntrySpec => ({
    name,
    data,
    method: name === 'Skills.csv' ? 'store' : 'deflate',
  }));
  return writeZip([...OTHER_EXPORT_ENTRIES.slice(0, 2), ...known, ...OTHER_EXPORT_ENTRIES.slice(2)]);
}

/**
 * A partial export re-zipped by a user: files inside a folder, lower-case names, columns in another order
 * and under other names, other date formats; Profile, Certifications, Languages, Projects and Email
 * Addresses missing.
 */
export const REORDERED_FILES: Record<string, string> = {
  'LinkedInDataExport_03-14-2025/positions.csv':
    'Title,Company,Start Date,End Date,Location,Description\n' +
    'Staff Engineer,Analytical Engines Ltd,03 2021,Present,,\n' +
    'Engineer,Difference Labs,2019-07,Sept 2020,Remote,"Owned the ""usage"" metering service"\n',
  'LinkedInDataExport_03-14-2025/EDUCATION.CSV':
    'Degree Name,School Name,End Date,Start Date\nMSc Computer Science,Imperial College London,2019,2018\n',
  'LinkedInDataExport_03-14-2025/Skills.csv': 'Skill Name\nGo\n\nRust\n',
};

export function reorderedExportZip(): Buffer {
  return writeZip([
    { name: 'LinkedInDataExport_03-14-2025/', data: '', method: 'store' },
    ...Object.entries(REORDERED_FILES).map(([name, data]): ZipEntrySpec => ({ name, data })),
  ]);
}

/** Positions.csv whose row starting on line 7 opens a quoted description that never closes. */
export const UNTERMINATED_QUOTE_POSITIONS_CSV =
  'Company Name,Title,Description,Location,Started On,Finished On\n' +
  'Analytical Engines Ltd,Senior Backend Engineer,"Line one\n' +
  'line two",London,Mar 2021,\n' +
  'Difference Labs,Backend Engineer,Billing API,Remote,Jun 2017,Feb 2021\n' +
  '\n' +
  'Babbage & Co,Intern,,Cambridge,2016,2016\n' +
  'Jacquard Looms,Consultant,"Punched-card tooling, never closed,Lyon,Jan 2015,Dec 2015\n' +
  'Another Co,Engineer,,Paris,2014,2014\n';
