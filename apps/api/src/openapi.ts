import 'reflect-metadata';

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { generateOpenApiYaml } from './openapi.generator';

/** `npm run openapi`: writes the contract to openapi.yaml (or to the path given as the first argument). */
const target = resolve(process.argv[2] ?? 'openapi.yaml');
generateOpenApiYaml()
  .then((yaml) => {
    writeFileSync(target, yaml);
    process.stdout.write(`wrote ${target}\n`);
  })
  .catch((error: unknown) => {
    process.stderr.write(`openapi: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
