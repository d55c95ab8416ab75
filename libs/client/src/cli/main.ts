import { parseArgs } from 'node:util';

import { ProblemError } from '../problem.error.js';
import { CliContext, type CliIo } from './cli.context.js';
import { applications, APPLICATIONS_USAGE } from './commands/applications.command.js';
import { generate, GENERATE_USAGE } from './commands/generate.command.js';
import { keys, KEYS_USAGE } from './commands/keys.command.js';
import { login, LOGIN_USAGE, logout, whoami } from './commands/login.command.js';
import { profiles, PROFILES_USAGE } from './commands/profiles.command.js';
import { resumes, RESUMES_USAGE } from './commands/resumes.command.js';
import { CliError, EXIT, exitCodeOf, isNetworkError } from './exit-codes.js';

const VERSION = '0.1.0';

const USAGE = `llmployable ${VERSION}: truthful, job-tailored resumes from your real work (the LLMployable API)

usage: llmployable [--api-url URL] [--json] [--quiet] [--config FILE] <command> [args]

commands:
  login                      store an API key (read from stdin, or prompted) after checking it
  logout | whoami
  profiles create|list|show  build a candidate profile from GitHub, a JSON Resume and a LinkedIn export
  generate                   tailor a resume to a job: --github USER | --profile ID, --job FILE|-
  resumes list|show|download|diff
  applications add|list|show|move|note
  keys create|list|revoke

  --api-url URL   the API (default: LLMPLOYABLE_API_URL, the stored one, or http://127.0.0.1:3000)
  --json          machine-readable output on stdout (errors stay on stderr)
  --quiet         no progress or notes on stderr
The key comes from LLMPLOYABLE_API_KEY, else from the config file \`login\` writes (mode 0600).
Exit codes: 0 ok, 1 unexpected, 2 usage, 3 auth, 4 not found, 5 rejected, 6 generation failed,
7 rate limited, 8 API unavailable. \`llmployable <command> --help\` shows a command's flags.`;

const COMMANDS: Record<string, { run: (ctx: CliContext, args: string[]) => Promise<void>; usage: string }> = {
  login: { run: login, usage: LOGIN_USAGE },
  logout: { run: logout, usage: 'usage: llmployable logout   (removes the stored key)' },
  whoami: { run: whoami, usage: 'usage: llmployable whoami   (the user and key in use)' },
  profiles: { run: profiles, usage: PROFILES_USAGE },
  generate: { run: generate, usage: GENERATE_USAGE },
  resumes: { run: resumes, usage: RESUMES_USAGE },
  applications: { run: applications, usage: APPLICATIONS_USAGE },
  keys: { run: keys, usage: KEYS_USAGE },
};

const GLOBAL_OPTIONS = {
  'api-url': { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

/** Runs one command line; returns the exit code (never exits itself, so tests and embedders can call it). */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: GLOBAL_OPTIONS,
      allowPositionals: true,
      strict: false,
      tokens: true,
    });
  } catch (error) {
    io.stderr.write(`llmployable: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  // Global flags are read up to the command; everything after it is the command's.
  const commandToken = parsed.tokens.find((token) => token.kind === 'positional');
  const globalArgs = commandToken ? argv.slice(0, commandToken.index) : argv;
  const commandArgs = commandToken ? argv.slice(commandToken.index + 1) : [];
  let globals;
  try {
    globals = parseArgs({
      args: globalArgs,
      options: GLOBAL_OPTIONS,
      strict: true,
    }).values;
  } catch (error) {
    io.stderr.write(`llmployable: ${(error as Error).message.split('\n')[0]}\n${USAGE}\n`);
    return EXIT.usage;
  }
  if (globals.version) {
    io.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const name = commandToken?.kind === 'positional' ? commandToken.value : undefined;
  if (globals.help || !name || name === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return globals.help || name === 'help' ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`llmployable: unknown command "${name}"\n${USAGE}\n`);
    return EXIT.usage;
  }
  const ctx = new CliContext(io, {
    json: Boolean(globals.json),
    quiet: Boolean(globals.quiet),
    apiUrl: globals['api-url'],
    config: globals.config,
  });
  // Commands also accept the output flags after their own arguments (`resumes list --json`).
  const own = commandArgs.filter((arg) => {
    if (arg === '--json') return !(ctx.globals.json = true);
    if (arg === '--quiet') return !(ctx.globals.quiet = true);
    return true;
  });
  if (own.includes('--help') || own.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    await command.run(ctx, own);
    return EXIT.ok;
  } catch (error) {
    reportError(io, error, await ctx.apiUrl().catch(() => ''));
    return exitCodeOf(error);
  }
}

/** One clear line (what failed, with the problem's code), then the detail lines. */
function reportError(io: CliIo, error: unknown, apiUrl: string): void {
  const write = (line: string) => io.stderr.write(`${line}\n`);
  if (error instanceof ProblemError) {
    write(`error: ${error.title} (${error.status} ${error.code}): ${error.detail}`);
    for (const field of error.errors) write(`  ${field.field}: ${field.message}`);
    const allowed = error.problem.allowedTransitions;
    if (Array.isArray(allowed)) write(`  allowed: ${allowed.join(', ') || 'none'}`);
    if (error.retryAfter !== undefined) write(`  retry after ${error.retryAfter} s`);
    if (error.requestId) write(`  request id: ${error.requestId}`);
    return;
  }
  if (error instanceof CliError) {
    write(`error: ${error.message}`);
    if (error.detail) write(error.detail);
    return;
  }
  if (isNetworkError(error)) {
    write(
      `error: cannot reach the API at ${apiUrl} (${error.cause?.code ?? error.cause?.message ?? error.message})`,
    );
    write('Is it running? Set --api-url or LLMPLOYABLE_API_URL.');
    return;
  }
  write(`error: ${(error as Error)?.stack ?? String(error)}`);
}
