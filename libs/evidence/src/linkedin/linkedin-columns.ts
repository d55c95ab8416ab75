/**
 * The columns read from each LinkedIn CSV file, found by header name, never by position. The first alias
 * is the name LinkedIn writes today (and the one error messages use); the others are names LinkedIn has
 * used or could plausibly use. Header names match case-insensitively, ignoring spaces, `_` and `-`.
 * Columns not listed (Profile.csv's Address, Birth Date, Maiden Name, ...) are deliberately not read:
 * they are personal data a resume has no use for.
 */
export interface CsvColumnSpec {
  aliases: readonly string[];
  /** A present file without this column is refused; a row with it empty is skipped with a warning. */
  required?: boolean;
}

export type CsvColumnSpecs<K extends string> = Readonly<Record<K, CsvColumnSpec>>;

const START = ['Started On', 'Start Date', 'Start', 'From', 'Issued On', 'Issue Date'];
const END = ['Finished On', 'End Date', 'Ended On', 'End', 'To', 'Expires On', 'Expiration Date'];

export const PROFILE_COLUMNS = {
  firstName: { aliases: ['First Name', 'Given Name'], required: true },
  lastName: { aliases: ['Last Name', 'Family Name', 'Surname'], required: true },
  headline: { aliases: ['Headline'] },
  summary: { aliases: ['Summary', 'About'] },
  industry: { aliases: ['Industry'] },
  location: { aliases: ['Geo Location', 'Location', 'Geo'] },
  websites: { aliases: ['Websites', 'Website'] },
  twitterHandles: { aliases: ['Twitter Handles', 'Twitter Handle', 'Twitter'] },
} as const satisfies CsvColumnSpecs<string>;

export const POSITION_COLUMNS = {
  company: { aliases: ['Company Name', 'Company', 'Organization'], required: true },
  title: { aliases: ['Title', 'Position', 'Job Title'], required: true },
  description: { aliases: ['Description'] },
  location: { aliases: ['Location', 'Geo Location'] },
  startDate: { aliases: START },
  endDate: { aliases: END },
} as const satisfies CsvColumnSpecs<string>;

export const EDUCATION_COLUMNS = {
  school: { aliases: ['School Name', 'School', 'Institution'], required: true },
  degree: { aliases: ['Degree Name', 'Degree'] },
  field: { aliases: ['Field Of Study', 'Field', 'Major'] },
  notes: { aliases: ['Notes', 'Description'] },
  activities: { aliases: ['Activities', 'Activities And Societies'] },
  startDate: { aliases: START },
  endDate: { aliases: END },
} as const satisfies CsvColumnSpecs<string>;

export const SKILL_COLUMNS = {
  name: { aliases: ['Name', 'Skill', 'Skill Name'], required: true },
} as const satisfies CsvColumnSpecs<string>;

export const CERTIFICATION_COLUMNS = {
  name: { aliases: ['Name', 'Certification', 'Certification Name'], required: true },
  authority: { aliases: ['Authority', 'Issuing Organization', 'Issuer'] },
  url: { aliases: ['Url', 'Credential Url'] },
  licenseNumber: { aliases: ['License Number', 'Credential Id'] },
  startDate: { aliases: START },
  endDate: { aliases: END },
} as const satisfies CsvColumnSpecs<string>;

export const LANGUAGE_COLUMNS = {
  name: { aliases: ['Name', 'Language'], required: true },
  proficiency: { aliases: ['Proficiency'] },
} as const satisfies CsvColumnSpecs<string>;

export const PROJECT_COLUMNS = {
  title: { aliases: ['Title', 'Name', 'Project Name'], required: true },
  description: { aliases: ['Description'] },
  url: { aliases: ['Url', 'Project Url'] },
  startDate: { aliases: START },
  endDate: { aliases: END },
} as const satisfies CsvColumnSpecs<string>;

export const EMAIL_ADDRESS_COLUMNS = {
  address: { aliases: ['Email Address', 'Email', 'E-mail Address'], required: true },
  confirmed: { aliases: ['Confirmed'] },
  primary: { aliases: ['Primary'] },
} as const satisfies CsvColumnSpecs<string>;

/** A header name reduced for matching: `Started On`, `started_on` and ` STARTED-ON ` are the same. */
export function normalizeHeader(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '');
}
