/**
 * Keys under which `resolve()` looks a name up: case-folded, with spaces, '-' (and the dashes '\u2010', '\u2011', '\u2013'), '_', '.' and '/' dropped, so that
 * 'React Native', 'react-native' and 'react_native' meet, as do 'Node.js', 'NodeJS' and 'node js'.
 * '+' and '#' stay: C, C++ and C# are different skills.
 */
export function resolveKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-\u2010\u2011\u2013_./]+/g, '');
}

/** A stable id for a Linguist language name: 'C++' → 'cpp', 'C#' → 'csharp', 'Visual Basic .NET' → 'visual-basic-net'. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/\+\+/g, 'pp')
    .replace(/#/g, 'sharp')
    .replace(/\+/g, 'plus')
    .replace(/\*/g, 'star')
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
