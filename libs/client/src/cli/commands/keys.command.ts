import { type Schemas, unwrap } from '../../client.js';
import { type CliContext, commandGroup, parseCommand, required, table } from '../cli.context.js';
import { collect } from '../../pagination.js';

type Scope = Schemas['CreateApiKeyDto']['scopes'][number];

export const KEYS_USAGE = `usage: llmployable keys <create|list|revoke>
  keys create --name NAME --scopes SCOPE[,SCOPE…] [--expires ISO-DATE]   (the secret is printed once)
  keys list
  keys revoke ID`;

export const keys = commandGroup('keys', { create, list, revoke }, KEYS_USAGE);

async function create(ctx: CliContext, args: string[]): Promise<void> {
  const { values } = parseCommand(
    args,
    { name: { type: 'string' }, scopes: { type: 'string' }, expires: { type: 'string' } },
    KEYS_USAGE,
  );
  const scopes = required(values.scopes, '--scopes', KEYS_USAGE)
    .split(',')
    .map((scope) => scope.trim())
    .filter(Boolean) as Scope[];
  const client = await ctx.client();
  const data = await unwrap(
    client.POST('/api/v1/api-keys', {
      body: {
        name: required(values.name, '--name', KEYS_USAGE),
        scopes,
        ...(values.expires ? { expiresAt: values.expires } : {}),
      },
    }),
  );
  ctx.print(
    `Created key ${data.id} "${data.name}" (${data.scopes.join(', ')}).\n` +
      `Secret (shown once; store it now):\n${data.key}`,
    data,
  );
}

async function list(ctx: CliContext, args: string[]): Promise<void> {
  parseCommand(args, {}, KEYS_USAGE);
  const client = await ctx.client();
  const items = await collect(client.paginate('/api/v1/api-keys', { query: { limit: 100 } }));
  ctx.print(
    () =>
      table([
        ['ID', 'PREFIX', 'STATUS', 'LAST USED', 'NAME', 'SCOPES'],
        ...items.map((k) => [
          k.id,
          k.prefix,
          k.status,
          k.lastUsedAt?.slice(0, 16) ?? 'never',
          k.name,
          k.scopes.join(','),
        ]),
      ]),
    items,
  );
}

async function revoke(ctx: CliContext, args: string[]): Promise<void> {
  const { positionals } = parseCommand(args, {}, KEYS_USAGE);
  const id = required(positionals[0], 'the key ID', KEYS_USAGE);
  const client = await ctx.client();
  const data = await unwrap(client.POST('/api/v1/api-keys/{id}/revoke', { params: { path: { id } } }));
  ctx.print(`Revoked key ${data.id} "${data.name}".`, data);
}
