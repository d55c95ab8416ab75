import { type Schemas, unwrap } from '../../client.js';
import {
  type CliContext,
  commandGroup,
  parseCommand,
  positiveInteger,
  required,
  table,
} from '../cli.context.js';
import { currentVersion } from './artifacts.js';
import { collect } from '../../pagination.js';
import { CliError, EXIT } from '../exit-codes.js';

type Status = Schemas['TransitionApplicationDto']['to'];
// The contract's statuses (the generated module has types only): a status the contract lacks fails to compile.
const STATUSES: Status[] = [
  'draft',
  'applied',
  'screening',
  'interviewing',
  'offer',
  'accepted',
  'rejected',
  'withdrawn',
];

export const APPLICATIONS_USAGE = `usage: llmployable applications <add|list|show|move|note>
  applications add --company NAME --role ROLE [--resume ID [--version N]] [--job-url URL] [--location TEXT]
                   [--tag TAG]... [--notes TEXT]
  applications list [--status STATUS]... [--company TEXT] [--limit N]
  applications show ID                 (with its timeline)
  applications move ID STATUS [--note TEXT]
  applications note ID TEXT
  statuses: ${STATUSES.join(', ')}`;

export const applications = commandGroup('applications', { add, list, show, move, note }, APPLICATIONS_USAGE);

const summary = (a: Schemas['ApplicationSummaryDto']) =>
  `${a.role} at ${a.company} (${a.id}): ${a.status}` +
  (a.allowedTransitions.length ? `; next: ${a.allowedTransitions.join(', ')}` : '');

async function add(ctx: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    args,
    {
      company: { type: 'string' },
      role: { type: 'string' },
      resume: { type: 'string' },
      version: { type: 'string' },
      'job-url': { type: 'string' },
      location: { type: 'string' },
      tag: { type: 'string', multiple: true },
      notes: { type: 'string' },
    },
    APPLICATIONS_USAGE,
  );
  if (positionals.length)
    throw new CliError(`unexpected argument "${positionals[0]}"`, EXIT.usage, APPLICATIONS_USAGE);
  const client = await ctx.client();
  let resume: Schemas['ApplicationResumeRefInputDto'] | undefined;
  if (values.resume) {
    const version =
      positiveInteger(values.version, '--version', APPLICATIONS_USAGE) ??
      (await currentVersion(client, values.resume));
    resume = { resumeId: values.resume, version };
  } else if (values.version) throw new CliError('--version needs --resume', EXIT.usage, APPLICATIONS_USAGE);
  const data = await unwrap(
    client.POST('/api/v1/applications', {
      body: {
        company: required(values.company, '--company', APPLICATIONS_USAGE),
        role: required(values.role, '--role', APPLICATIONS_USAGE),
        ...(resume ? { resume } : {}),
        ...(values['job-url'] ? { jobUrl: values['job-url'] } : {}),
        ...(values.location ? { location: values.location } : {}),
        ...(values.tag ? { tags: values.tag } : {}),
        ...(values.notes ? { notes: values.notes } : {}),
      },
    }),
  );
  ctx.print(`Added ${summary(data)}`, data);
}

async function list(ctx: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    args,
    { status: { type: 'string', multiple: true }, company: { type: 'string' }, limit: { type: 'string' } },
    APPLICATIONS_USAGE,
  );
  if (positionals.length)
    throw new CliError(`unexpected argument "${positionals[0]}"`, EXIT.usage, APPLICATIONS_USAGE);
  const statuses = (values.status ?? []).map((status) => toStatus(status));
  const maxItems = positiveInteger(values.limit, '--limit', APPLICATIONS_USAGE) ?? 50;
  const client = await ctx.client();
  const items = await collect(
    client.paginate('/api/v1/applications', {
      query: {
        limit: Math.min(maxItems, 100),
        ...(statuses.length ? { status: statuses } : {}),
        ...(values.company ? { company: values.company } : {}),
      },
      maxItems,
    }),
  );
  ctx.print(
    () =>
      items.length === 0
        ? 'No applications.'
        : table([
            ['ID', 'STATUS', 'UPDATED', 'COMPANY', 'ROLE'],
            ...items.map((a) => [a.id, a.status, a.updatedAt.slice(0, 16), a.company, a.role]),
          ]),
    items,
  );
}

async function show(ctx: CliContext, args: string[]): Promise<void> {
  const { positionals } = parseCommand(args, {}, APPLICATIONS_USAGE);
  const id = required(positionals[0], 'the application ID', APPLICATIONS_USAGE);
  const client = await ctx.client();
  const application = await unwrap(client.GET('/api/v1/applications/{id}', { params: { path: { id } } }));
  const timeline = await collect(client.paginate('/api/v1/applications/{id}/timeline', { path: { id } }));
  ctx.print(
    () =>
      [
        summary(application),
        application.resume
          ? `resume: ${application.resume.resumeId} version ${application.resume.version}`
          : '',
        '',
        ...timeline.map(
          (event) =>
            `${event.at.slice(0, 16)}  ${event.type}` +
            (event.to ? ` → ${event.to}` : '') +
            (event.note ? `: ${event.note}` : ''),
        ),
      ]
        .filter((line, i) => line !== '' || i > 1)
        .join('\n'),
    { ...application, timeline },
  );
}

async function move(ctx: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, { note: { type: 'string' } }, APPLICATIONS_USAGE);
  const id = required(positionals[0], 'the application ID', APPLICATIONS_USAGE);
  const to = toStatus(required(positionals[1], 'STATUS', APPLICATIONS_USAGE));
  const client = await ctx.client();
  const data = await unwrap(
    client.POST('/api/v1/applications/{id}/transitions', {
      params: { path: { id } },
      body: { to, ...(values.note ? { note: values.note } : {}) },
    }),
  );
  ctx.print(`Moved ${summary(data)}`, data);
}

async function note(ctx: CliContext, args: string[]): Promise<void> {
  const { positionals } = parseCommand(args, {}, APPLICATIONS_USAGE);
  const id = required(positionals[0], 'the application ID', APPLICATIONS_USAGE);
  const text = required(positionals.slice(1).join(' ').trim(), 'the note TEXT', APPLICATIONS_USAGE);
  const client = await ctx.client();
  const data = await unwrap(
    client.POST('/api/v1/applications/{id}/notes', {
      params: { path: { id } },
      body: { text },
    }),
  );
  ctx.print(`Noted on ${id}.`, data);
}

function toStatus(value: string): Status {
  if (!STATUSES.includes(value as Status))
    throw new CliError(`unknown status "${value}"`, EXIT.usage, `statuses: ${STATUSES.join(', ')}`);
  return value as Status;
}
