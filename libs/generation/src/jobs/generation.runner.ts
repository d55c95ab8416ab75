import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { type AppConfig, APP_CONFIG, Clock, DomainError, type Principal, STATUS_TITLES } from '@app/core';

import {
  type GenerationLiveState,
  GenerationProgressStore,
  type LiveStateChange,
} from '../generation-progress.store';
import {
  type GenerationChanges,
  GenerationRepository,
  type GenerationRecord,
} from '../generation.repository';
import { GENERATION_STEPS, type GenerationStep, type StepTiming } from '../generation.schema';
import { GenerationCancelFlags } from './generation-cancel.flags';
import { generationInputHash } from './generation-input.hash';
import { type GenerationJobData, jobLockDuration } from './generation.queue';
import { GenerationSteps } from './generation.steps';

/** Share of the progress bar reached when each step finishes. */
const PROGRESS: Record<GenerationStep, number> = {
  evidence: 10,
  analysis: 20,
  match: 30,
  draft: 60,
  factCheck: 70,
  render: 85,
  atsCheck: 90,
  store: 100,
};

class Cancelled extends Error {}
class TimedOut extends Error {}
/** This run's lock on the job expired and BullMQ gave the job to another run: that run owns the outcome. */
class LostLock extends Error {}

const toProblem = (error: unknown) =>
  error instanceof DomainError
    ? {
        status: error.status,
        code: error.code,
        title: error.title ?? STATUS_TITLES[error.status] ?? 'Generation failed',
        detail: error.message,
        ...error.extensions,
      }
    : {
        status: 500,
        code: 'generation_failed',
        title: 'Generation failed',
        detail: 'An internal error stopped the generation; try again.',
      };

const isFinal = (status: string) => status === 'succeeded' || status === 'failed' || status === 'cancelled';

/** 4xx problems are the request's fault (no such profile, GitHub user…): retrying cannot help. */
const isPermanent = (error: unknown) =>
  error instanceof DomainError && error.status < 500 && error.status !== 429 && error.status !== 409;

/**
 * Runs one generation job: evidence → analysis → match → draft → fact check → render → ATS check → store, each
 * step timed and announced as an event. The runner is the only writer of the generation while it runs: its
 * progress (step, timings, reports so far) goes to Redis with each event, and the document is written once, with
 * the final state. A job retried (transient failure, or a worker that died: BullMQ hands the stalled job to
 * another worker) starts again from the top; every step before `store` is cached or pure, and `store` is
 * idempotent per generation, so a generation yields exactly one resume version.
 */
@Injectable()
export class GenerationRunner {
  private readonly logger = new Logger(GenerationRunner.name);

  constructor(
    private readonly generations: GenerationRepository,
    private readonly progress: GenerationProgressStore,
    private readonly steps: GenerationSteps,
    private readonly cancels: GenerationCancelFlags,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(job: Job<GenerationJobData>): Promise<void> {
    const { generationId, ownerId } = job.data;
    const [record, live] = await Promise.all([
      this.generations.findById(ownerId, generationId),
      this.progress.live(generationId),
    ]);
    if (!record || isFinal(record.status)) return;
    const attempt = job.attemptsMade + 1;
    // Renewing the lock proves this run still owns the job (a run whose event loop stalled past the lock may
    // have been replaced by another): checked before writing a version and before the final state.
    const lockDuration = jobLockDuration(this.config);
    const ownsJob = async () => !job.token || (await job.extendLock(job.token, lockDuration)) === 1;
    const run = new RunContext(this, record, live, attempt, {
      timeoutMs: this.config.generation.jobTimeoutMs,
      ownsJob,
      lockDuration,
    });
    try {
      await run.start();
      await this.pipeline(run);
    } catch (error) {
      await run.stop();
      try {
        await this.afterFailure(run, job, error);
      } catch (failure) {
        // Finishing as cancelled/failed found the lock lost: the run that took over owns the outcome.
        if (!(failure instanceof LostLock)) throw failure;
        this.logger.warn(`generation ${generationId}: lock lost to another run; this run stops`);
      }
    } finally {
      await run.stop();
    }
  }

  /** After a run failed: ends it as cancelled or failed, or hands it back to BullMQ for a retry (rethrows). */
  private async afterFailure(run: RunContext, job: Job<GenerationJobData>, error: unknown): Promise<void> {
    const { generationId } = job.data;
    const attempt = job.attemptsMade + 1;
    if (error instanceof LostLock) throw error; // see run(): the run that took over owns the outcome
    // A failure after the final state was written (e.g. its event) must not turn a success into a failure.
    if (isFinal(run.record.status)) return;
    if (error instanceof Cancelled) return run.finish('cancelled', { error: null });
    if (error instanceof TimedOut) {
      return run.finish('failed', {
        error: {
          status: 504,
          code: 'generation_timeout',
          title: 'Generation timed out',
          detail: `The generation took longer than ${this.config.generation.jobTimeoutMs} ms; try again, or with a shorter job description.`,
        },
      });
    }
    const lastAttempt = attempt >= (job.opts.attempts ?? 1);
    if (isPermanent(error) || lastAttempt) {
      if (!isPermanent(error))
        this.logger.error(`generation ${generationId} failed: ${(error as Error).stack ?? String(error)}`);
      await run.finish('failed', { error: toProblem(error) });
      throw new UnrecoverableError((error as Error).message);
    }
    await run.event('retrying', { attempt, reason: (error as Error).message });
    throw error;
  }

  private async pipeline(run: RunContext): Promise<void> {
    const { record } = run;
    const { input } = record;
    const now = this.clock.now();
    const candidate = await run.step('evidence', () =>
      this.steps.candidate(record.ownerId, input.candidate, now),
    );
    const job = await run.step('analysis', () => this.steps.job(record.ownerId, input.job));
    const match = await run.step('match', async () => this.steps.match(candidate.profile, job.analysis, now));
    run.save({ match: match as never, target: { title: job.title, company: job.company } });

    // Identical inputs, provider, model, prompt and template: the earlier result serves (reuse=true).
    const target = this.steps.describeDraft(input.provider as never);
    const inputHash = generationInputHash({
      candidate: candidate.identity,
      job: job.textHash,
      ...target,
      template: input.template,
      paper: input.paper,
      maxPages: input.maxPages,
      company: job.company,
      title: input.title ?? null,
      resumeId: input.resumeId ?? null,
    });
    run.save({ inputHash });
    if (input.reuse) {
      const earlier = await this.generations.findReusable(record.ownerId, inputHash, record.id);
      if (earlier?.result && (await this.steps.stillStored(record.ownerId, earlier.result))) {
        await run.event('reused', { from: earlier.id });
        return run.finish('succeeded', {
          reusedFrom: earlier.id,
          result: earlier.result,
          factCheck: earlier.factCheck,
          ats: earlier.ats,
          llm: earlier.llm,
          degraded: earlier.degraded,
        });
      }
    }

    const draft = await run.step('draft', () =>
      this.steps.draft(candidate.profile, job, match, {
        provider: input.provider as never,
        signal: run.signal,
      }),
    );
    let degraded = draft.degraded;
    const llm = {
      provider: draft.provider,
      model: draft.model,
      promptVersion: target.promptVersion,
      usage: draft.usage,
      attempts: draft.attempts,
      repaired: draft.repaired,
    };
    run.save({ llm, degraded });
    let checked = await run.step('factCheck', async () =>
      this.steps.factCheck(draft.value, candidate.profile),
    );
    if (checked.verdict === 'block') {
      // The draft's core facts failed: the offline draft of the same evidence replaces it, and the result says so.
      await run.event('blocked', { findings: checked.findings.length });
      const offline = this.steps.offlineDraft(candidate.profile, job, match);
      const blocked = checked;
      checked = this.steps.factCheck(offline, candidate.profile);
      checked = { ...checked, findings: [...blocked.findings, ...checked.findings] };
      degraded = { reason: `the ${draft.provider} draft failed the fact check`, from: draft.provider };
    }
    // The report only: the checked document itself becomes the resume version.
    const { verdict, findings, stats } = checked;
    run.save({ factCheck: { verdict, findings, stats }, degraded });
    const fitted = await run.step('render', () => this.steps.renderDocument(checked.document, input, match));
    // Shortened to fit, or over the limit even at its shortest: either way the caller is told.
    if (fitted.cuts.length > 0 || !fitted.fits) {
      await run.event('fitted', {
        fromPages: fitted.originalPages,
        toPages: fitted.pages,
        maxPages: input.maxPages,
        fits: fitted.fits,
        cuts: fitted.cuts,
      });
    }
    // The version stored is what was rendered: the checked document, shortened if it had to be.
    const { document, rendered } = fitted;
    const ats = await run.step('atsCheck', async () => rendered.report.ats);
    run.save({ ats: ats as never });
    await run.assertOwnsJob();
    const stored = await run.step(
      'store',
      () => this.steps.store(run.principal, record.id, document, input, job),
      {
        interruptible: false,
      },
    );
    await run.finish('succeeded', {
      result: { ...stored, pages: rendered.report.pages },
    });
  }

  /**
   * BullMQ failed the job without running it to an end of ours (a job that stalled more than allowed): the
   * generation must not stay `running` forever.
   */
  async onJobFailed(data: GenerationJobData, reason: string): Promise<void> {
    const { generationId, ownerId } = data;
    const record = await this.generations.findById(ownerId, generationId);
    if (!record || isFinal(record.status)) return;
    const [live, lastSeq] = await Promise.all([
      this.progress.live(generationId),
      this.progress.lastSeq(generationId),
    ]);
    const now = this.clock.now();
    const error = {
      status: 500,
      code: 'generation_failed',
      title: 'Generation failed',
      detail: `The generation could not be completed (${reason}); start it again.`,
    };
    await this.generations.setById(generationId, {
      ...live,
      status: 'failed',
      error,
      finishedAt: now,
      finalEventSeq: lastSeq + 1,
    });
    await this.progress.append(
      generationId,
      [{ type: 'failed', data: { status: 'failed', error }, at: now }],
      'delete',
      lastSeq, // the final event gets exactly the number the document says
    );
  }

  /**
   * A generation that succeeded from its own run, with a result that is not degraded, answers later requests with
   * the same inputs (reuse). Failing to note it only costs a later request a run of its own: logged, not thrown.
   */
  async rememberReusable(record: GenerationRecord): Promise<void> {
    const { status, inputHash, reusedFrom, degraded } = record;
    if (status !== 'succeeded' || !inputHash || reusedFrom || degraded) return;
    try {
      await this.generations.rememberReusable(record.ownerId, inputHash, record.id);
    } catch (error) {
      this.logger.warn(`generation ${record.id}: not noted for reuse (${(error as Error).message})`);
    }
  }

  /** Used by RunContext (kept here so the context stays a plain helper). */
  repository(): GenerationRepository {
    return this.generations;
  }

  progressStore(): GenerationProgressStore {
    return this.progress;
  }

  cancelFlags(): GenerationCancelFlags {
    return this.cancels;
  }

  now(): Date {
    return this.clock.now();
  }
}

/**
 * One attempt of one job: its timings, events, cancellation polling and timeout. What the generation shows while
 * it runs (`state`) is written to Redis with each event, and to the document once, by `finish`.
 */
class RunContext {
  private readonly abort = new AbortController();
  private readonly timings: StepTiming[];
  private poll: NodeJS.Timeout | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lockTimer: NodeJS.Timeout | undefined;
  private cancelled = false;
  /** Progress of the steps done. */
  private progress: number;
  /** The live state: status, step, reports so far (timings and progress are added when written). */
  private state: GenerationLiveState;
  /** The number of the last event written (the stream numbers them; a retried job continues its stream). */
  private lastSeq = 0;
  readonly principal: Principal;

  constructor(
    private readonly runner: GenerationRunner,
    public record: GenerationRecord,
    live: GenerationLiveState | null,
    private readonly attempt: number,
    private readonly lease: {
      timeoutMs: number;
      /** Renews this run's lock on the job; false when another run holds it now. */
      ownsJob: () => Promise<boolean>;
      lockDuration: number;
    },
  ) {
    // A retried job keeps the timings and start of its earlier attempts (from the live state they left).
    this.timings = [...(live?.timings ?? record.timings)];
    this.progress = live?.progress ?? record.progress;
    this.state = { startedAt: live?.startedAt ?? record.startedAt };
    this.principal = {
      userId: record.author.userId,
      keyPrefix: record.author.keyPrefix ?? '',
      role: record.author.role as Principal['role'],
      keyId: '',
      scopes: [],
    };
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  async start(): Promise<void> {
    const startedAt = this.state.startedAt ?? this.runner.now();
    this.save({ status: 'running', startedAt });
    // One document write at the start (by _id: cheap): the document says `running` even if the live state in
    // Redis is lost (a failover, an eviction), so GET never goes back to `queued`.
    await this.runner.repository().setById(this.record.id, { status: 'running', startedAt });
    await this.event('started', { attempt: this.attempt });
    this.timer = setTimeout(() => this.abort.abort(new TimedOut('timeout')), this.lease.timeoutMs);
    // The run renews its own lock with its own token: BullMQ's renewal is keyed by job id only, and a stale run
    // of the same job ending in this worker drops it for the run that took over. A lost lock stops the run.
    this.lockTimer = setInterval(
      () => {
        void this.lease.ownsJob().then(
          (owns) => {
            if (!owns) this.abort.abort(new LostLock('lock lost'));
          },
          () => undefined, // Redis briefly away: the next tick tries again
        );
      },
      Math.max(100, Math.floor(this.lease.lockDuration / 3)),
    );
    this.poll = setInterval(() => {
      void this.runner
        .cancelFlags()
        .isRequested(this.record.id)
        .then((requested) => {
          if (requested && !this.cancelled) {
            this.cancelled = true;
            this.abort.abort(new Cancelled('cancelled'));
          }
        });
    }, 250);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    clearInterval(this.poll);
    clearInterval(this.lockTimer);
  }

  /** Runs a step: checks for cancellation and timeout first, times it, records progress and events. */
  /**
   * `interruptible: false` (the store step): once started it runs to its end even if a cancel or the timeout
   * arrives meanwhile — stopping halfway could leave a written version behind a cancelled generation; the
   * generation then ends as what it is, succeeded.
   */
  async step<T>(
    name: GenerationStep,
    work: () => Promise<T>,
    options: { interruptible?: boolean } = {},
  ): Promise<T> {
    const interruptible = options.interruptible !== false;
    this.throwIfStopped();
    if (await this.runner.cancelFlags().isRequested(this.record.id)) throw new Cancelled('cancelled');
    const startedAt = this.runner.now();
    this.save({ step: name });
    await this.event('step', { step: name, status: 'started' });
    const started = performance.now();
    const result = interruptible ? await Promise.race([work(), this.stopped()]) : await work();
    if (interruptible) this.throwIfStopped();
    const durationMs = Math.round(performance.now() - started);
    this.timings.push({ step: name, startedAt, durationMs, attempt: this.attempt });
    this.progress = PROGRESS[name];
    await this.event('step', { step: name, status: 'finished', durationMs, progress: PROGRESS[name] });
    return result as T;
  }

  /** Adds to what the generation shows; written with the next event (or the final state). */
  save(changes: GenerationLiveState): void {
    this.state = { ...this.state, ...changes };
  }

  /** Writes an event, and the live state with it (one atomic Redis call). */
  async event(type: string, data: Record<string, unknown>, live?: LiveStateChange): Promise<void> {
    this.lastSeq = await this.runner
      .progressStore()
      .append(
        this.record.id,
        [{ type, data, at: this.runner.now() }],
        live ?? { set: this.live() },
        this.lastSeq,
      );
  }

  /** Throws LostLock when another run has taken the job over (see GenerationRunner.run). */
  async assertOwnsJob(): Promise<void> {
    if (!(await this.lease.ownsJob())) throw new LostLock('lock lost');
  }

  /**
   * The generation's final document write: the final state, with everything it showed (and the number its
   * final event gets: the stream may expire, the document keeps the outcome); then the final event, with
   * exactly that number, and the live state goes.
   */
  async finish(status: 'succeeded' | 'failed' | 'cancelled', changes: GenerationChanges): Promise<void> {
    await this.assertOwnsJob();
    const final: GenerationChanges = {
      ...this.live(),
      ...changes,
      status,
      finishedAt: this.runner.now(),
      // The number the final event gets: after this run's last and the stream's last (see append's floor).
      finalEventSeq: Math.max(this.lastSeq, await this.runner.progressStore().lastSeq(this.record.id)) + 1,
      ...(status === 'succeeded' ? { progress: 100, step: null } : {}),
    };
    const record = { ...this.record, ...final };
    const remembered = this.runner.rememberReusable(record); // alongside: it never fails the generation
    await this.runner.repository().setById(record.id, final);
    this.record = record;
    await remembered;
    this.lastSeq = Math.max(this.lastSeq, (final.finalEventSeq as number) - 1);
    await this.event(
      status,
      {
        status,
        ...(this.record.result ? { result: this.record.result } : {}),
        ...(this.record.error ? { error: this.record.error } : {}),
      },
      'delete',
    );
  }

  private live(): GenerationLiveState {
    return { ...this.state, timings: this.timings, progress: this.progress };
  }

  private throwIfStopped(): void {
    if (this.abort.signal.aborted) throw this.abort.signal.reason;
  }

  private stopped(): Promise<never> {
    return new Promise((_, reject) => {
      if (this.abort.signal.aborted) reject(this.abort.signal.reason);
      this.abort.signal.addEventListener('abort', () => reject(this.abort.signal.reason), { once: true });
    });
  }
}

export const STEP_ORDER = GENERATION_STEPS;
