import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';

import { type LlmployableClient, type Schemas, unwrap } from '../../client.js';
import { collect } from '../../pagination.js';
import { type CliContext, commandGroup, parseCommand, required, table } from '../cli.context.js';
import { CliError, EXIT } from '../exit-codes.js';

export const PROFILES_USAGE = `usage: llmployable profiles <create|list|show>
  profiles create [--github USER] [--json-resume FILE] [--linkedin EXPORT.zip] [--label TEXT]
                  (at least one source; the LinkedIn export is attached after the profile is built)
  profiles list
  profiles show ID`;

export const profiles = commandGroup('profiles', { create, list, show }, PROFILES_USAGE);

const describe = (p: Schemas['ProfileSummaryDto']) =>
  `${p.name ?? p.label ?? 'Profile'} (${p.id}, revision ${p.revision}): ${p.skillCount} skills, ` +
  `${p.positionCount} positions, ${p.projectCount} projects; top: ${p.topSkills.slice(0, 8).join(', ') || '—'}`;

async function create(ctx: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    args,
    {
      github: { type: 'string' },
      'json-resume': { type: 'string' },
      linkedin: { type: 'string' },
      label: { type: 'string' },
    },
    PROFILES_USAGE,
  );
  if (positionals.length)
    throw new CliError(`unexpected argument "${positionals[0]}"`, EXIT.usage, PROFILES_USAGE);
  if (!values.github && !values['json-resume'] && !values.linkedin)
    throw new CliError(
      'give at least one of --github, --json-resume, --linkedin',
      EXIT.usage,
      PROFILES_USAGE,
    );
  if (!values.github && !values['json-resume'])
    throw new CliError(
      'a LinkedIn export is attached to a profile built from --github or --json-resume',
      EXIT.usage,
      PROFILES_USAGE,
    );
  const jsonResume = values['json-resume'] ? await readJson(ctx, values['json-resume']) : undefined;
  const archive = values.linkedin ? await readInput(ctx, values.linkedin) : undefined;
  const client = await ctx.client();
  let profile: Schemas['ProfileDto'] = await unwrap(
    client.POST('/api/v1/profiles', {
      body: {
        ...(values.github ? { github: { username: values.github } } : {}),
        ...(jsonResume ? { jsonResume } : {}),
        ...(values.label ? { label: values.label } : {}),
      },
    }),
  );
  if (archive && values.linkedin)
    profile = await attachLinkedIn(client, profile.id, archive, values.linkedin);
  ctx.print(`Created ${describe(profile)}`, profile);
}

async function list(ctx: CliContext, args: string[]): Promise<void> {
  parseCommand(args, {}, PROFILES_USAGE);
  const client = await ctx.client();
  const items = await collect(client.paginate('/api/v1/profiles', { query: { limit: 100 } }));
  ctx.print(
    () =>
      items.length === 0
        ? 'No profiles.'
        : table([
            ['ID', 'SKILLS', 'UPDATED', 'NAME'],
            ...items.map((p) => [
              p.id,
              String(p.skillCount),
              p.updatedAt.slice(0, 16),
              p.name ?? p.label ?? '',
            ]),
          ]),
    items,
  );
}

async function show(ctx: CliContext, args: string[]): Promise<void> {
  const { positionals } = parseCommand(args, {}, PROFILES_USAGE);
  const id = required(positionals[0], 'the profile ID', PROFILES_USAGE);
  const client = await ctx.client();
  const profile = await unwrap(client.GET('/api/v1/profiles/{id}', { params: { path: { id } } }));
  ctx.print(describe(profile), profile);
}

/** `PUT /profiles/{id}/linkedin` takes the export as multipart/form-data (`archive`). */
async function attachLinkedIn(
  client: LlmployableClient,
  id: string,
  archive: Buffer,
  fileName: string,
): Promise<Schemas['ProfileDto']> {
  return unwrap(
    client.PUT('/api/v1/profiles/{id}/linkedin', {
      params: { path: { id } },
      body: { archive: '' },
      bodySerializer: () => {
        const form = new FormData();
        form.append(
          'archive',
          new Blob([new Uint8Array(archive)], { type: 'application/zip' }),
          basename(fileName),
        );
        return form;
      },
    }),
  );
}

async function readInput(ctx: CliContext, path: string): Promise<Buffer> {
  try {
    return await readFile(resolve(ctx.io.cwd, path));
  } catch (error) {
    throw new CliError(`cannot read ${path}: ${(error as Error).message}`, EXIT.usage);
  }
}

async function readJson(ctx: CliContext, path: string): Promise<Record<string, unknown>> {
  const text = (await readInput(ctx, path)).toString('utf8');
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new CliError(`${path} is not JSON: ${(error as Error).message}`, EXIT.usage);
  }
}
