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
  // The global flags also work after the command (`resumes list --json --api-url URL`), up to a `--`.
  let own: string[];
  let help: boolean;
  try {
    ({ own, help } = takeGlobalFlags(commandArgs, ctx));
  } catch (error) {
    reportError(io, error, '');
    return exitCodeOf(error);
  }
  if (help) {
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

/** Removes the global flags from a command's arguments (before any `--`) into `ctx.globals`. */
function takeGlobalFlags(args: string[], ctx: CliContext): { own: string[]; help: boolean } {
  const own: string[] = [];
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      own.push(...args.slice(i));
      break;
    }
    const [flag, inline] = arg.startsWith('--')
      ? [arg.split('=')[0], arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : undefined]
      : [arg, undefined];
    if (arg === '--json') ctx.globals.json = true;
    else if (arg === '--quiet') ctx.globals.quiet = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (flag === '--api-url' || flag === '--config') {
      const value = inline ?? args[++i];
      if (value === undefined) throw new CliError(`${flag} needs a value`, EXIT.usage);
      if (flag === '--api-url') ctx.globals.apiUrl = value;
      else ctx.globals.config = value;
    } else own.push(arg);
  }
  return { own, help };
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
  const network = isNetworkError(error) ? error : (error as Error | undefined)?.cause;
  if (isNetworkError(network)) {
    const reason = network.cause?.code ?? network.cause?.message ?? network.message;
    if (network === error) {
      write(`error: cannot reach the API at ${apiUrl} (${reason})`);
      write('Is it running? Set --api-url or LLMPLOYABLE_API_URL.');
    } else write(`error: ${(error as Error).message} (${reason})`);
    return;
  }
  // Something we did not expect: the message, and the stack only when asked for (LLMPLOYABLE_DEBUG=1).
  write(`error: ${error instanceof Error ? error.message : String(error)}`);
  if (io.env.LLMPLOYABLE_DEBUG && error instanceof Error && error.stack) write(error.stack);
  else write('(LLMPLOYABLE_DEBUG=1 shows the stack trace)');
}
