/** Why an archive entry name is refused: each rule names one way a name could escape an extraction folder. */
export type UnsafeEntryNameRule =
  'empty-name' | 'control-character' | 'absolute-path' | 'drive-letter' | 'path-traversal' | 'backslash';

export interface UnsafeEntryName {
  rule: UnsafeEntryNameRule;
  message: string;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what this rule looks for
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
const DRIVE_LETTER = /^[A-Za-z]:/;

/**
 * Checks an entry name from the central directory. We never write entries to disk, but a name that could
 * escape a folder (`../`, `/etc/passwd`, `C:\`, `a\..\b`) only appears in a crafted archive, never in a
 * LinkedIn export, so such an archive is refused as a whole. Returns undefined for a safe name.
 */
export function unsafeEntryName(name: string): UnsafeEntryName | undefined {
  if (name.length === 0) return { rule: 'empty-name', message: 'entry has an empty name' };
  if (CONTROL_CHARACTER.test(name)) {
    return { rule: 'control-character', message: 'entry name contains a control character' };
  }
  if (name.startsWith('/') || name.startsWith('\\')) {
    return { rule: 'absolute-path', message: 'entry name is an absolute path' };
  }
  if (DRIVE_LETTER.test(name))
    return { rule: 'drive-letter', message: 'entry name starts with a drive letter' };
  if (name.split(/[/\\]/).includes('..')) {
    return { rule: 'path-traversal', message: 'entry name climbs out of the archive with ".."' };
  }
  if (name.includes('\\')) return { rule: 'backslash', message: 'entry name contains a backslash' };
  return undefined;
}

const MAX_DISPLAYED_NAME = 200;

/** An entry name made safe to echo in an error: control characters replaced, long names shortened. */
export function displayEntryName(name: string): string {
  // eslint-disable-next-line no-control-regex -- see CONTROL_CHARACTER
  const printable = name.replace(/[\u0000-\u001f\u007f]/g, '?');
  return printable.length > MAX_DISPLAYED_NAME ? `${printable.slice(0, MAX_DISPLAYED_NAME)}…` : printable;
}
