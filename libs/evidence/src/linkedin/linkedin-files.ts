/**
 * The files of LinkedIn's "Download your data" archive that LLMployable reads. Everything else in the
 * archive (messages, connections, ads data, ...) is ignored without being extracted.
 */
export const LINKEDIN_FILES = [
  'Profile.csv',
  'Positions.csv',
  'Education.csv',
  'Skills.csv',
  'Certifications.csv',
  'Languages.csv',
  'Projects.csv',
  'Email Addresses.csv',
] as const;

export type LinkedInFileName = (typeof LINKEDIN_FILES)[number];

const FILES_BY_LOWER_NAME: ReadonlyMap<string, LinkedInFileName> = new Map(
  LINKEDIN_FILES.map((file) => [file.toLowerCase(), file]),
);

/** Folders that archivers add and that never hold LinkedIn data (macOS resource forks). */
const IGNORED_FOLDERS = ['__macosx/'];

/**
 * The known LinkedIn file an archive entry holds, matched on its base name case-insensitively at any
 * folder depth (`Basic_LinkedInDataExport_01-02-2025/positions.csv` is Positions.csv), or undefined.
 */
export function knownLinkedInFile(entryName: string): LinkedInFileName | undefined {
  const lower = entryName.toLowerCase();
  if (lower.endsWith('/') || IGNORED_FOLDERS.some((folder) => lower.startsWith(folder))) return undefined;
  return FILES_BY_LOWER_NAME.get(lower.slice(lower.lastIndexOf('/') + 1));
}
