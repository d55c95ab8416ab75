/**
 * Evidence references shown as numbered notes: a superscript number after the claim links to the evidence
 * URL (or, without one, to the note), and the notes are listed at the end of the resume. The same
 * evidence (by URL, else by id) keeps one number.
 */
import type { EvidenceRefDto } from '@app/resumes/document';

import { escapeLatex, escapeUrl } from '../latex/latex-escape';
import { type Tex, rawTex, tex } from '../latex/tex';
import { displayUrl } from './resume-format';

export interface EvidenceNoteView {
  anchor: Tex;
  number: Tex;
  /** The evidence id, escaped. */
  label: Tex;
  /** The printed, linked URL, when there is one. */
  link?: Tex;
}

export class EvidenceNotes {
  private readonly numbers = new Map<string, number>();
  private readonly notes: EvidenceNoteView[] = [];

  constructor(private readonly enabled: boolean) {}

  /** The superscript marker for these references ('' when evidence is not shown or there is none). */
  marker(refs: readonly EvidenceRefDto[] | undefined): Tex {
    if (!this.enabled || !refs || refs.length === 0) return rawTex('');
    const links = refs.map((ref) => {
      const number = this.numberOf(ref);
      const url = ref.url === undefined ? undefined : escapeUrl(ref.url);
      const digits = rawTex(String(number));
      return url ? tex`\href{${url}}{${digits}}` : tex`\hyperlink{ev-${digits}}{${digits}}`;
    });
    return tex`\evmark{${links.join(',') as Tex}}`;
  }

  /** The notes in number order. */
  list(): readonly EvidenceNoteView[] {
    return this.notes;
  }

  private numberOf(ref: EvidenceRefDto): number {
    const url = ref.url === undefined ? undefined : escapeUrl(ref.url);
    const key = url ?? `id:${ref.id}`;
    const known = this.numbers.get(key);
    if (known !== undefined) return known;
    const number = this.notes.length + 1;
    this.numbers.set(key, number);
    const digits = rawTex(String(number));
    this.notes.push({
      anchor: tex`ev-${digits}`,
      number: digits,
      label: escapeLatex(ref.id),
      link: url && ref.url ? tex`\href{${url}}{${escapeLatex(displayUrl(ref.url))}}` : undefined,
    });
    return number;
  }
}
