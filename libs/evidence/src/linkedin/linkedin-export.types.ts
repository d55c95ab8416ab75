import { type LinkedInFileName } from './linkedin-files';

/** A partial ISO 8601 date: `YYYY` or `YYYY-MM` (LinkedIn keeps no days for positions, schools, ...). */
export type PartialIsoDate = string;

/** Where a record came from: the file, its entry in the archive, and the line its row starts on. */
export interface LinkedInSource {
  file: LinkedInFileName;
  /** The entry's full name in the archive (`Basic_LinkedInDataExport/Positions.csv`). */
  entry: string;
  /** 1-based line of the file where the record starts (the header is line 1). */
  line: number;
}

/**
 * Every record carries an evidence reference, `<kind>:<n>` with n counting the records of that kind from 1
 * in file order (`linkedin_position:2`), and its source.
 */
export interface LinkedInRecord {
  ref: string;
  source: LinkedInSource;
}

/** A website from Profile.csv (`[PORTFOLIO:https://…,OTHER:https://…]`), with LinkedIn's label lowered. */
export interface LinkedInWebsite {
  label?: string;
  url: string;
}

/** Empty cells are left out: an optional field is either a non-empty trimmed string or absent. */
export interface LinkedInProfile extends LinkedInRecord {
  firstName: string;
  lastName: string;
  headline?: string;
  summary?: string;
  industry?: string;
  location?: string;
  websites: LinkedInWebsite[];
  twitterHandles: string[];
}

export interface LinkedInPosition extends LinkedInRecord {
  company: string;
  title: string;
  description?: string;
  location?: string;
  startDate?: PartialIsoDate;
  /** Absent for a current position. */
  endDate?: PartialIsoDate;
}

export interface LinkedInEducation extends LinkedInRecord {
  school: string;
  degree?: string;
  field?: string;
  notes?: string;
  activities?: string;
  startDate?: PartialIsoDate;
  endDate?: PartialIsoDate;
}

export interface LinkedInSkill extends LinkedInRecord {
  name: string;
}

export interface LinkedInCertification extends LinkedInRecord {
  name: string;
  authority?: string;
  url?: string;
  licenseNumber?: string;
  startDate?: PartialIsoDate;
  endDate?: PartialIsoDate;
}

export interface LinkedInLanguage extends LinkedInRecord {
  name: string;
  proficiency?: string;
}

export interface LinkedInProject extends LinkedInRecord {
  title: string;
  description?: string;
  url?: string;
  startDate?: PartialIsoDate;
  endDate?: PartialIsoDate;
}

export interface LinkedInEmailAddress extends LinkedInRecord {
  address: string;
  primary: boolean;
  confirmed: boolean;
}

/**
 * Something the import tolerated rather than refused, so the user can be told: a date in a format we do
 * not know (the field is left out), a row without its required value (the row is skipped), an empty file.
 */
export interface LinkedInImportWarning {
  file: LinkedInFileName;
  line: number;
  /** The column concerned, as named in the file's header, when there is one. */
  column?: string;
  message: string;
}

export interface LinkedInExport {
  profile?: LinkedInProfile;
  positions: LinkedInPosition[];
  education: LinkedInEducation[];
  skills: LinkedInSkill[];
  certifications: LinkedInCertification[];
  languages: LinkedInLanguage[];
  projects: LinkedInProject[];
  emailAddresses: LinkedInEmailAddress[];
  /** Which of the known files (`LINKEDIN_FILES`) the archive held, in that list's order. */
  files: { present: LinkedInFileName[]; missing: LinkedInFileName[] };
  warnings: LinkedInImportWarning[];
}

/** The `ref` prefixes, one per record kind. */
export const LINKEDIN_REF_KINDS = {
  profile: 'linkedin_profile',
  position: 'linkedin_position',
  education: 'linkedin_education',
  skill: 'linkedin_skill',
  certification: 'linkedin_certification',
  language: 'linkedin_language',
  project: 'linkedin_project',
  emailAddress: 'linkedin_email',
} as const;
