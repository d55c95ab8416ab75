import { type ResumeDocument } from '@app/resumes/document';

export type FactCheckVerdict = 'pass' | 'warn' | 'block';
export type FindingSeverity = 'info' | 'warn' | 'block';
export type FindingKind =
  'skill' | 'tool' | 'employer' | 'title' | 'repo' | 'date' | 'number' | 'evidence' | 'identity';
export type FindingAction = 'removed' | 'kept' | 'blocked';

export interface FactCheckFinding {
  severity: FindingSeverity;
  kind: FindingKind;
  /** Where in the draft: `experience[0].bullets[2]`, `skills[1].items[0]`, `summary`. */
  path: string;
  /** The claim in question: `Kubernetes`, `40%`, `Globex Corporation`. */
  value: string;
  /** `removed`: taken out (or replaced by the evidence's value, see `reason`); `kept`: a note only. */
  action: FindingAction;
  reason: string;
}

export interface FactCheckResult {
  /** The draft with everything unsupported removed or corrected. */
  document: ResumeDocument;
  /** `block`: a core field failed (name, no experience left, more than half removed); `warn`: something removed. */
  verdict: FactCheckVerdict;
  findings: FactCheckFinding[];
  /** Units of content (summary sentences, skill items, entries, bullets) in the draft, and how many were removed. */
  stats: { units: number; removed: number };
}
