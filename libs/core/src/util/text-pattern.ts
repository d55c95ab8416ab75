/** A case-insensitive "contains" pattern for user text (every RegExp special character escaped). */
export function containsIgnoringCase(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
}
