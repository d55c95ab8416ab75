import 'reflect-metadata';

import { parseArgs } from 'node:util';

import { NestFactory } from '@nestjs/core';
import { ConfigValidationError, createRootLogger, loadConfig, nestLoggerFor } from '@app/core';
import { UsersService } from '@app/users';

import { CliModule } from './cli.module';
import { type CommandResult, createAdmin } from './create-admin.command';

const USAGE = `usage: llmployable-cli create-admin [--email EMAIL] [--name NAME] [--if-none]

  create-admin   Create the first admin and print one API key with the admin scope (shown once).
                 Refused (exit 1) once an admin exists; with --if-none that is not an error (exit 0).
                 --email defaults to BOOTSTRAP_ADMIN_EMAIL. Uses the same configuration as the API.
`;

async function run(argv: string[]): Promise<CommandResult> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string', default: 'Administrator' },
      'if-none': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help || positionals[0] !== 'create-admin' || positionals.length !== 1) {
    return {
      exitCode: values.help ? 0 : 2,
      stdout: values.help ? USAGE : '',
      stderr: values.help ? '' : USAGE,
    };
  }
  const config = loadConfig(process.env);
  // Logs go to stderr so stdout carries only the command's result (the key).
  const logger = await createRootLogger(config, 'cli', process.stderr);
  const app = await NestFactory.createApplicationContext(CliModule.forRoot({ config, logger }), {
    logger: nestLoggerFor(logger),
  });
  try {
    return await createAdmin(app.get(UsersService), {
      email: values.email ?? config.bootstrapAdminEmail,
      name: values.name,
      ifNone: values['if-none'],
    });
  } finally {
    await app.close();
  }
}

run(process.argv.slice(2))
  .then(({ exitCode, stdout, stderr }) => {
    process.stdout.write(stdout);
    process.stderr.write(stderr);
    process.exit(exitCode);
  })
  .catch((error: unknown) => {
    const message =
      error instanceof ConfigValidationError ? error.message : ((error as Error).stack ?? String(error));
    process.stderr.write(`llmployable cli: ${message}\n`);
    process.exit(error instanceof TypeError && /parseArgs|ERR_PARSE_ARGS/.test(String(error)) ? 2 : 1);
  });
