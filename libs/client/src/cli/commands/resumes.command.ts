import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';

import { unwrap } from '../../client.js';
import {
  type CliContext,
  commandGroup,
  parseCommand,
  positiveInteger,
  required,
  table,
} from '../cli.context.js';
import { collect } from '../../pagination.js';
import { CliError, EXIT } from '../exit-codes.js';
import {
  ARTIFACT_EXTENSIONS,
  ARTIFACT_KINDS,
  type ArtifactKind,
  currentVersion,
  downloadArtifact,
} from './artifacts.js';

export const RESUMES_USAGE = `usage: llmployable resumes <list|show|download|diff>
  resumes list [--q TEXT] [--tag TAG] [--archived] [--limit N]      (newest first; default 50)
  resumes show ID
  resumes download ID [--version N] [--format pdf|tex|markdown|json-resume] [--out FILE]
  resumes diff ID FROM TO`;

export const resumes = commandGroup('resumes', { list, show, download, diff }, RESUMES_USAGE);

async function list(ctx: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    args,
    {
      q: { type: 'string' },
      tag: { type: 'string' },
      archived: { type: 'boolean' },
      limit: { type: 'string' },
    },
    RESUMES_USAGE,
  );
  if (positionals.length)
    throw new CliError(`unexpected argument "${positionals[0]}"`, EXIT.usage, RESUMES_USAGE);
  const maxItems = positiveInteger(values.limit, '--limit', RESUMES_USAGE) ?? 50;
  const client = await ctx.client();
  const items = await collect(
    client.paginate('/api/v1/resumes', {
      query: {
        limit: Math.min(maxItems, 100),
        ...(values.q ? { q: values.q } : {}),
        ...(values.tag ? { tag: values.tag } : {}),
        ...(values.archived ? { archived: true } : {}),
      },
      maxItems,
    }),
  );
  ctx.print(
    () =>
      items.length === 0
        ? 'No resumes.'
        : table([
            ['ID', 'VERSION', 'UPDATED', 'TITLE'],
            ...items.map((r) => [r.id, String(r.currentVersion), r.updatedAt.slice(0, 16), r.title]),
          ]),
    items,
  );
}

async function show(ctx: CliContext, args: string[]): Promise<void> {
  const { positionals } = parseCommand(args, {}, RESUMES_USAGE);
  const id = required(positionals[0], 'the resume ID', RESUMES_USAGE);
  const client = await ctx.client();
  const resume = await unwrap(client.GET('/api/v1/resumes/{id}', { params: { path: { id } } }));
  const versions = await collect(client.paginate('/api/v1/resumes/{id}/versions', { path: { id } }));
  ctx.print(
    () =>
      [
        `${resume.title} (${resume.id})`,
        `target: ${[resume.targetRole, resume.targetCompany].filter(Boolean).join(' at ') || '—'}`,
        `tags: ${resume.tags.join(', ') || '—'}${resume.archived ? '  [archived]' : ''}`,
        `current version: ${resume.currentVersion}; updated ${resume.updatedAt}`,
        '',
        table([
          ['VERSION', 'SOURCE', 'CREATED', 'REASON'],
          ...versions.map((v) => [String(v.number), v.source, v.createdAt.slice(0, 16), v.reason ?? '']),
        ]),
      ].join('\n'),
    { ...resume, versions },
  );
}

async function download(ctx: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    args,
    { version: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
    RESUMES_USAGE,
  );
  const id = required(positionals[0], 'the resume ID', RESUMES_USAGE);
  const format = (values.format ?? 'pdf') as ArtifactKind;
  if (!ARTIFACT_KINDS.includes(format))
    throw new CliError(`--format must be one of ${ARTIFACT_KINDS.join(', ')}`, EXIT.usage, RESUMES_USAGE);
  const client = await ctx.client();
  const version =
    positiveInteger(values.version, '--version', RESUMES_USAGE) ?? (await currentVersion(client, id));
  const bytes = await downloadArtifact(client, id, version, format);
  const path = resolve(ctx.io.cwd, values.out ?? `${id}-v${version}.${ARTIFACT_EXTENSIONS[format]}`);
  await writeFile(path, bytes);
  ctx.print(`Wrote ${path} (${bytes.length} bytes, version ${version}, ${format}).`, {
    resumeId: id,
    version,
    format,
    path,
    bytes: bytes.length,
  });
}

async function diff(ctx: CliContext, args: string[]): Promise<void> {
  const { positionals } = parseCommand(args, {}, RESUMES_USAGE);
  const id = required(positionals[0], 'the resume ID', RESUMES_USAGE);
  const a = positiveInteger(
    required(positionals[1], 'FROM (a version)', RESUMES_USAGE),
    'FROM',
    RESUMES_USAGE,
  )!;
  const b = positiveInteger(required(positionals[2], 'TO (a version)', RESUMES_USAGE), 'TO', RESUMES_USAGE)!;
  const client = await ctx.client();
  const data = await unwrap(
    client.GET('/api/v1/resumes/{id}/versions/{a}/diff/{b}', {
      params: { path: { id, a, b } },
    }),
  );
  ctx.print(() => data.unified || `Versions ${a} and ${b} are the same.`, data);
}
