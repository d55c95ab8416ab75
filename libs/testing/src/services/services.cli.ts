// CLI for scripts/start.sh (compiled to dist/libs/testing/src/services/services.cli.js):
//   services.cli.js run -- <command...>   provision MongoDB + Redis, run the command with MONGODB_URI and
//                                         REDIS_URL set, forward SIGINT/SIGTERM, stop services when it exits
//   services.cli.js build-ferretdb        build (or find) the cached FerretDB binary and print its path
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { ensureFerretdbBinary } from './ferretdb-binary';
import { errorMessage, withParentDeathSignal, type Env, type Log } from './process';
import { findRepoRoot } from './repo-root';
import { describeServices, startServices } from './services';

const USAGE = 'usage: services.cli.js run -- <command> [args...]\n       services.cli.js build-ferretdb';
const log: Log = (message) => process.stderr.write(`[services] ${message}\n`);
const exitCodeFor = (signal: NodeJS.Signals): number => 128 + (constants.signals[signal] ?? 0);

export interface CliOptions {
  env?: Env;
  repoRoot?: string;
}

/** Runs the CLI; resolves with the exit code. */
export async function main(argv: string[], options: CliOptions = {}): Promise<number> {
  const env = options.env ?? process.env;
  const [command, ...rest] = argv;
  if (command === 'build-ferretdb') {
    const repoRoot = options.repoRoot ?? findRepoRoot(__dirname);
    process.stdout.write(`${await ensureFerretdbBinary({ repoRoot, env, log })}\n`);
    return 0;
  }
  const commandLine = rest[0] === '--' ? rest.slice(1) : rest;
  if (command === 'run' && commandLine.length > 0) {
    return runWithServices(commandLine, options.repoRoot ?? findRepoRoot(__dirname), env);
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

async function runWithServices(commandLine: string[], repoRoot: string, env: Env): Promise<number> {
  let child: ReturnType<typeof spawn> | undefined;
  // Before the child exists, a signal ends us at once; the exit hooks in process.ts kill what was started.
  const forward = (signal: NodeJS.Signals): void => {
    if (child) child.kill(signal);
    else process.exit(exitCodeFor(signal));
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  try {
    const services = await startServices({ repoRoot, env, log });
    try {
      process.stdout.write(`${describeServices(services)}\n`);
      // Own process group: a terminal's Ctrl-C reaches the child once, through us, not twice.
      const [command, args] = withParentDeathSignal(commandLine[0], commandLine.slice(1), env, 'TERM');
      child = spawn(command, args, {
        stdio: 'inherit',
        detached: true,
        env: { ...env, MONGODB_URI: services.mongo.uri, REDIS_URL: services.redis.url },
      });
      const started = child;
      return await new Promise<number>((resolve) => {
        started.once('error', (error) => {
          log(`could not run ${commandLine[0]}: ${error.message}`);
          resolve(127);
        });
        started.once('exit', (code, signal) => resolve(code ?? (signal ? exitCodeFor(signal) : 1)));
      });
    } finally {
      await services.stop();
    }
  } finally {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  }
}

if (typeof module !== 'undefined' && require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      log(errorMessage(error));
      process.exit(1);
    },
  );
}
