import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { type Schemas, unwrap } from '../../client.js';
import { type CliContext, parseCommand, positiveInteger, readAll } from '../cli.context.js';
import { CliError, EXIT } from '../exit-codes.js';
import { matchReportMarkdown } from '../match-report.format.js';
import { ProgressBar } from '../progress.bar.js';
import { ARTIFACT_EXTENSIONS, ARTIFACT_KINDS, downloadArtifact } from './artifacts.js';

export const GENERATE_USAGE = `usage: llmployable generate (--github USER | --profile ID) --job FILE|- [options]
  --template classic|modern|compact   --provider offline|gemini|openai-compatible
  --paper letter|a4   --max-pages N   --title TITLE (of the new resume)   --resume ID (store as its new version)
  --job-title TITLE   --company NAME  (when the description does not say)
  --fresh             do not reuse an identical earlier generation
  --out DIR           where to write resume.pdf, .tex, .md, .json, match.md and match.json (default ./out)`;

/**
 * `generate`: starts a generation, shows its progress from the Server-Sent Events, and writes the resume (PDF,
 * TeX, Markdown, JSON Resume) and the match report to --out. A failed or cancelled generation exits 6.
 */
export async function generate(ctx: CliContext, args: string[]): Promise<void> {
  const { values, positionals } = parseCommand(
    args,
    {
      github: { type: 'string' },
      profile: { type: 'string' },
      job: { type: 'string' },
      template: { type: 'string' },
      provider: { type: 'string' },
      paper: { type: 'string' },
      'max-pages': { type: 'string' },
      title: { type: 'string' },
      resume: { type: 'string' },
      'job-title': { type: 'string' },
      company: { type: 'string' },
      fresh: { type: 'boolean' },
      out: { type: 'string' },
    },
    GENERATE_USAGE,
  );
  if (positionals.length)
    throw new CliError(`unexpected argument "${positionals[0]}"`, EXIT.usage, GENERATE_USAGE);
  if (Boolean(values.github) === Boolean(values.profile))
    throw new CliError('give exactly one of --github and --profile', EXIT.usage, GENERATE_USAGE);
  if (!values.job)
    throw new CliError('--job is required (a file, or - for stdin)', EXIT.usage, GENERATE_USAGE);
  const description = await readJob(ctx, values.job);
  const body: Schemas['CreateGenerationDto'] = {
    candidate: values.github ? { githubUsername: values.github } : { profileId: values.profile },
    job: {
      description,
      ...(values['job-title'] ? { title: values['job-title'] } : {}),
      ...(values.company ? { company: values.company } : {}),
    },
    ...(values.template ? { template: values.template as Schemas['CreateGenerationDto']['template'] } : {}),
    ...(values.provider ? { provider: values.provider as Schemas['CreateGenerationDto']['provider'] } : {}),
    ...(values.paper ? { paper: values.paper as Schemas['CreateGenerationDto']['paper'] } : {}),
    ...(values['max-pages']
      ? { maxPages: positiveInteger(values['max-pages'], '--max-pages', GENERATE_USAGE)! }
      : {}),
    ...(values.title ? { title: values.title } : {}),
    ...(values.resume ? { resumeId: values.resume } : {}),
    ...(values.fresh ? { reuse: false } : {}),
  };
  const outDir = resolve(ctx.io.cwd, values.out ?? 'out');

  const client = await ctx.client();
  // A resent POST (a retried 429/503) must not start a second generation.
  const created = await unwrap(
    client.POST('/api/v1/generations', {
      body,
      headers: { 'idempotency-key': randomUUID() },
    }),
  );
  ctx.note(`generation ${created.id} ${created.status}`);
  const bar = ctx.globals.quiet ? undefined : new ProgressBar(ctx.io.stderr);
  const generation = await client.followGeneration(created.id, { onEvent: (event) => bar?.update(event) });

  await mkdir(outDir, { recursive: true });
  const files: Record<string, string> = {};
  if (generation.match) {
    files.matchReport = join(outDir, 'match.md');
    files.matchJson = join(outDir, 'match.json');
    await writeFile(files.matchReport, matchReportMarkdown(generation));
    await writeFile(
      files.matchJson,
      `${JSON.stringify({ match: generation.match, factCheck: generation.factCheck, ats: generation.ats }, null, 2)}\n`,
    );
  }
  if (generation.status !== 'succeeded' || !generation.result) {
    const problem = generation.error;
    throw new CliError(
      `generation ${generation.id} ${generation.status}${problem ? `: ${problem.title} (${problem.code})` : ''}`,
      EXIT.generationFailed,
      problem?.detail,
    );
  }
  const { resumeId, version, pages } = generation.result;
  for (const kind of ARTIFACT_KINDS) {
    const path = join(outDir, `resume.${ARTIFACT_EXTENSIONS[kind]}`);
    await writeFile(path, await downloadArtifact(client, resumeId, version, kind));
    files[kind] = path;
  }
  const score = generation.match?.score;
  ctx.print(
    () =>
      [
        `Resume ${resumeId} version ${version} (${pages} page${pages === 1 ? '' : 's'})` +
          (score === undefined ? '' : `, match score ${score}/100`) +
          (generation.factCheck ? `, fact check ${generation.factCheck.verdict}` : '') +
          (generation.degraded ? ', degraded (offline draft)' : '') +
          (generation.reusedFrom ? `, reused from ${generation.reusedFrom}` : ''),
        ...Object.entries(files).map(([kind, path]) => `  ${kind.padEnd(12)} ${path}`),
      ].join('\n'),
    {
      generationId: generation.id,
      resumeId,
      version,
      pages,
      score: score ?? null,
      factCheck: generation.factCheck?.verdict ?? null,
      degraded: generation.degraded,
      reusedFrom: generation.reusedFrom,
      files,
    },
  );
}

async function readJob(ctx: CliContext, source: string): Promise<string> {
  try {
    return source === '-' ? await readAll(ctx.io.stdin) : await readFile(resolve(ctx.io.cwd, source), 'utf8');
  } catch (error) {
    throw new CliError(`cannot read the job description ${source}: ${(error as Error).message}`, EXIT.usage);
  }
}
