import { createInterface } from 'node:readline/promises';

import { unwrap } from '../../client.js';
import { type CliContext, parseCommand, readAll } from '../cli.context.js';
import { deleteConfigKey, readConfig, writeConfig } from '../config.store.js';
import { CliError, EXIT } from '../exit-codes.js';

export const LOGIN_USAGE =
  'usage: llmployable login [--api-url URL]   (the API key is read from stdin or prompted for)';

/**
 * `login`: reads a key (stdin when piped, else a prompt — never a flag, which would land in shell history),
 * checks it against the API (`GET /api/v1/users/me/key`) and stores it with the API URL in the config file.
 */
export async function login(ctx: CliContext, args: string[]): Promise<void> {
  parseCommand(args, {}, LOGIN_USAGE);
  const key = (await readKey(ctx)).trim();
  if (!key) throw new CliError('no API key given', EXIT.usage, LOGIN_USAGE);
  const client = await ctx.clientWith(key);
  const current = await unwrap(client.GET('/api/v1/users/me/key'));
  const apiUrl = await ctx.apiUrl();
  const stored = await readConfig(ctx.configFile);
  await writeConfig(ctx.configFile, { ...stored, apiUrl, apiKey: key });
  ctx.print(
    `Logged in to ${apiUrl} with key ${current.prefix}… (${current.role}; scopes: ${current.scopes.join(', ')}).\n` +
      `Key stored in ${ctx.configFile} (mode 0600).`,
    { apiUrl, configFile: ctx.configFile, key: current },
  );
}

export async function logout(ctx: CliContext, args: string[]): Promise<void> {
  parseCommand(args, {}, 'usage: llmployable logout');
  const removed = await deleteConfigKey(ctx.configFile);
  ctx.print(removed ? `Removed the key from ${ctx.configFile}.` : 'No stored key.', {
    removed,
    configFile: ctx.configFile,
  });
}

/** `whoami`: the key in use, as the API sees it. */
export async function whoami(ctx: CliContext, args: string[]): Promise<void> {
  parseCommand(args, {}, 'usage: llmployable whoami');
  const client = await ctx.client();
  const me = await unwrap(client.GET('/api/v1/users/me'));
  const key = await unwrap(client.GET('/api/v1/users/me/key'));
  ctx.print(`${me.email} (${me.role}) at ${client.baseUrl}; key ${key.prefix}…: ${key.scopes.join(', ')}`, {
    user: me,
    key,
  });
}

async function readKey(ctx: CliContext): Promise<string> {
  if (!ctx.io.stdin.isTTY) return readAll(ctx.io.stdin);
  const prompt = createInterface({ input: ctx.io.stdin, output: ctx.io.stderr, terminal: true });
  try {
    return await prompt.question('API key: ');
  } finally {
    prompt.close();
  }
}
