/**
 * Untrusted data inside a prompt: always JSON inside a named, delimited block. `<` and `>` are written as
 * JSON escapes (`\u003c`, `\u003e`), so nothing in the data can spell a delimiter (`<<<END EVIDENCE>>>`)
 * and close its block early, while the JSON still parses to exactly the same value.
 */
export function dataJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
}

/** `<<<NAME JSON>>>`, the data, `<<<END NAME>>>`. */
export function dataBlock(name: string, value: unknown): string {
  return `<<<${name} JSON>>>\n${dataJson(value)}\n<<<END ${name}>>>`;
}

/** The text cut to `max` characters (on a word boundary), marked when cut. */
export function capText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.8 ? cut.slice(0, space) : cut} [… cut]`;
}
