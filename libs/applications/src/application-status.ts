/**
 * The application status machine, as data. `STATUS_TRANSITIONS` is the single source of truth: the
 * service checks transitions against it, the 409 problem lists its allowed next statuses, and the OpenAPI
 * descriptions are generated from it (`describeStatusMachine`).
 *
 * Decisions:
 * - Forward skips inside the pipeline are allowed (`applied → interviewing`, `screening → offer`, ...):
 *   employers skip stages (no phone screen, an offer straight after one interview), and forcing clients
 *   to post the stages that never happened would invent timeline events with made-up times and distort
 *   the time-to-first-response statistic. Going backwards is never allowed.
 * - `draft → applied` is the only way out of a draft towards the pipeline, so every application that
 *   reached screening or later has an `appliedAt`.
 * - `accepted` is reachable only from `offer`.
 * - `rejected` (the employer said no, including a rescinded offer) and `withdrawn` (you stopped, including
 *   declining an offer) are reachable from every open status, `draft` included (a posting that closed or a
 *   draft you abandoned).
 * - Closed statuses have no transitions. The explicit reopen action returns a closed application to the
 *   status it had just before it closed (`reopenTargetOf`).
 */

export const APPLICATION_STATUSES = [
  'draft',
  'applied',
  'screening',
  'interviewing',
  'offer',
  'accepted',
  'rejected',
  'withdrawn',
] as const;

export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Terminal statuses: left only through `POST /applications/{id}/reopen`. */
export const CLOSED_STATUSES: readonly ApplicationStatus[] = ['accepted', 'rejected', 'withdrawn'];

export const OPEN_STATUSES: readonly ApplicationStatus[] = APPLICATION_STATUSES.filter(
  (status) => !CLOSED_STATUSES.includes(status),
);

/**
 * Statuses that mean the employer responded to a sent application. Entering one of them while
 * `appliedAt` is set and no response was recorded yet sets `firstResponseAt` (see the stats).
 */
export const RESPONSE_STATUSES: readonly ApplicationStatus[] = [
  'screening',
  'interviewing',
  'offer',
  'rejected',
];

/** From each status, the statuses a transition may go to. */
export const STATUS_TRANSITIONS: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  draft: ['applied', 'rejected', 'withdrawn'],
  applied: ['screening', 'interviewing', 'offer', 'rejected', 'withdrawn'],
  screening: ['interviewing', 'offer', 'rejected', 'withdrawn'],
  interviewing: ['offer', 'rejected', 'withdrawn'],
  offer: ['accepted', 'rejected', 'withdrawn'],
  accepted: [],
  rejected: [],
  withdrawn: [],
};

export function isApplicationStatus(value: string): value is ApplicationStatus {
  return (APPLICATION_STATUSES as readonly string[]).includes(value);
}

export function isClosed(status: ApplicationStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}

export function allowedTransitions(from: ApplicationStatus): readonly ApplicationStatus[] {
  return STATUS_TRANSITIONS[from];
}

export function canTransition(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/**
 * Where reopen takes a closed application: the open status it had just before it closed. Applications
 * closed before that was recorded fall back to `applied` when they were sent, else `draft`.
 */
export function reopenTargetOf(application: {
  statusBeforeClose: ApplicationStatus | null;
  appliedAt: Date | null;
}): ApplicationStatus {
  const before = application.statusBeforeClose;
  if (before && !isClosed(before)) return before;
  return application.appliedAt ? 'applied' : 'draft';
}

/** The machine as Markdown, for OpenAPI descriptions (generated from the table, so never out of date). */
export function describeStatusMachine(): string {
  const rows = APPLICATION_STATUSES.map((from) => {
    const next = STATUS_TRANSITIONS[from];
    const to = next.length ? next.map((status) => `\`${status}\``).join(', ') : '— (closed: reopen only)';
    return `| \`${from}\` | ${to} |`;
  });
  return [
    '| from | allowed next statuses |',
    '|---|---|',
    ...rows,
    '',
    'Forward skips inside the pipeline are allowed (e.g. `applied → interviewing`); going back is not. ' +
      `Closed statuses (${CLOSED_STATUSES.map((s) => `\`${s}\``).join(', ')}) have no transitions: ` +
      '`POST /api/v1/applications/{id}/reopen` returns the application to the status it had before it closed. ' +
      'An invalid transition is a 409 problem `invalid_transition` whose `allowedTransitions` lists the allowed ones.',
  ].join('\n');
}
