import { type EvidenceFact, type EvidenceRef } from './candidate-profile';

const EXCERPT_CHARS = 300;

/** Collapses whitespace and cuts to `max` characters at a word boundary, with an ellipsis when cut. */
export function excerptOf(text: string, max = EXCERPT_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The words around `[start, end)` of `text`, for quoting a mention: about `max` characters in all. */
export function excerptAround(text: string, start: number, end: number, max = 160): string {
  const room = Math.max(0, max - (end - start));
  const from = Math.max(0, start - Math.floor(room / 2));
  const to = Math.min(text.length, end + Math.ceil(room / 2));
  const body = text.slice(from, to).replace(/\s+/g, ' ').trim();
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`;
}

/**
 * The profile's fact index. Facts are registered once by id (the first registration wins) and cited by
 * reference; `facts()` lists them in registration order, so a profile built twice from the same sources has
 * the same index.
 */
export class EvidenceIndex {
  private readonly byId = new Map<string, EvidenceFact>();

  /** Registers a fact (unless one with its id exists) and returns a reference to it. */
  add(fact: EvidenceFact): EvidenceRef {
    const clean: EvidenceFact = {
      ...fact,
      ...(fact.excerpt !== undefined ? { excerpt: excerptOf(fact.excerpt) } : {}),
    };
    if (!this.byId.has(fact.id)) this.byId.set(fact.id, clean);
    return this.ref(fact.id);
  }

  /** A reference to a registered fact, optionally quoting the words that support the claim. */
  ref(id: string, excerpt?: string): EvidenceRef {
    const fact = this.byId.get(id);
    if (!fact) throw new Error(`No evidence fact ${id} is registered`);
    return {
      kind: fact.kind,
      id: fact.id,
      ...(fact.url !== undefined ? { url: fact.url } : {}),
      ...(excerpt !== undefined && excerpt !== ''
        ? { excerpt: excerptOf(excerpt, 500) }
        : fact.excerpt !== undefined
          ? { excerpt: fact.excerpt }
          : {}),
    };
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  facts(): EvidenceFact[] {
    return [...this.byId.values()];
  }
}

/** Adds `ref` to `list` unless a reference with its id is there already. */
export function addRef(list: EvidenceRef[], ref: EvidenceRef): void {
  if (!list.some((existing) => existing.id === ref.id)) list.push(ref);
}
