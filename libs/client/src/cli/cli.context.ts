import { parseArgs, type ParseArgsConfig } from 'node:util';

import { createLlmployableClient, type LlmployableClient } from '../client.js';
import { configPath, readConfig, type StoredConfig } from './config.store.js';
import { CliError, EXIT } from './exit-codes.js';

export const DEFAULT_API_URL = 'http://127.0.0.1:3000';

export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
}

/** What every command gets: the global flags, output helpers, the stored config and a client. */
export class CliContext {
  private stored: StoredConfig | undefined;

  constructor(
    readonly io: CliIo,
    readonly globals: { json: boolean; apiUrl?: string; config?: string; quiet: boolean },
  ) {}

  get configFile(): string {
    return this.globals.config ?? configPath(this.io.env);
  }

  async config(): Promise<StoredConfig> {
    this.stored ??= await readConfig(this.configFile);
    return this.stored;
  }

  /** `--api-url`, else `LLMPLOYABLE_API_URL`, else the stored one, else the local default. */
  async apiUrl(): Promise<string> {
    return (
      this.globals.apiUrl ??
      this.io.env.LLMPLOYABLE_API_URL ??
      (await this.config()).apiUrl ??
      DEFAULT_API_URL
    );
  }

  /** A client with the key from `LLMPLOYABLE_API_KEY`, else the stored one; none is an auth error. */
  async client(): Promise<LlmployableClient> {
    const apiKey = this.io.env.LLMPLOYABLE_API_KEY || (await this.config()).apiKey;
    if (!apiKey)
      throw new CliError(
        'not logged in',
        EXIT.auth,
        'Run `llmployable login` (the key is read from stdin) or set LLMPLOYABLE_API_KEY.',
      );
    return this.clientWith(apiKey);
  }

  async clientWith(apiKey: string): Promise<LlmployableClient> {
    return createLlmployableClient({
      baseUrl: await this.apiUrl(),
      apiKey,
      headers: { 'user-agent': 'llmployable-cli/0.1.0' },
    });
  }

  /** Writes the result: `json` as JSON with --json, else the human text. */
  print(human: string | (() => string), json: unknown): void {
    if (this.globals.json) this.io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    else {
      const text = typeof human === 'function' ? human() : human;
      if (text) this.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    }
  }

  /** Progress and notes for people: stderr, silent with --quiet. */
  note(text: string): void {
    if (!this.globals.quiet) this.io.stderr.write(`${text}\n`);
  }
}

/** Parses a command's own flags; unknown flags and missing values are usage errors. */
export function parseCommand<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  usage: string,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError((error as Error).message.split('\n')[0], EXIT.usage, usage);
  }
}

export function required(value: string | undefined, what: string, usage: string): string {
  if (value === undefined || value === '') throw new CliError(`${what} is required`, EXIT.usage, usage);
  return value;
}

export function positiveInteger(value: string | undefined, what: string, usage: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new CliError(`${what} must be a positive integer, not "${value}"`, EXIT.usage, usage);
  return number;
}

/** A plain text table with left-aligned columns. */
export function table(rows: string[][]): string {
  if (rows.length === 0) return '';
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString('utf8');
}

export type CommandRun = (ctx: CliContext, args: string[]) => Promise<void>;

/** A command group (`resumes list|show|…`): runs the sub-command its first argument names. */
export function commandGroup(
  group: string,
  subcommands: Record<string, CommandRun>,
  usage: string,
): CommandRun {
  return async (ctx, args) => {
    const [sub, ...rest] = args;
    const run = sub === undefined ? undefined : subcommands[sub];
    if (!run)
      throw new CliError(
        sub ? `unknown command "${group} ${sub}"` : `${group}: which command?`,
        EXIT.usage,
        usage,
      );
    return run(ctx, rest);
  };
}
