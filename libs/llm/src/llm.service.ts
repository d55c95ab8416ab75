import { performance } from 'node:perf_hooks';

import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/core';

import { parseModelJson, repairFeedback, schemaName, summarizeErrors } from './json-output';
import { LlmAbortedError, LlmError } from './llm.errors';
import {
  addUsage,
  type LlmCallOptions,
  type LlmJsonRequest,
  type LlmJsonResult,
  type LlmProviderName,
  type LlmUsage,
  ZERO_USAGE,
} from './llm.types';
import { type LlmCompleteOptions, type LlmProvider } from './providers/llm-provider';
import { LlmProviderRegistry } from './providers/llm-provider.registry';
import { backoffDelayMs, MAX_RETRY_AFTER_MS, sleep } from './retry-policy';

/** Longest previous answer sent back in the repair attempt. */
const MAX_REPAIR_ECHO_CHARS = 32_000;

interface Outcome {
  attempts: number;
  usage: LlmUsage;
}

/**
 * Asks the configured model for JSON matching a schema, and always answers: the model's validated answer,
 * or the request's offline answer marked `degraded` when the model cannot give one.
 *
 * - Each attempt is bounded by `config.llm.timeoutMs`.
 * - 429, 5xx, timeouts and network errors are retried up to `config.llm.retries` times, with exponential
 *   backoff and full jitter from `config.llm.retryBaseMs`, or after the provider's Retry-After (up to
 *   `MAX_RETRY_AFTER_MS`; asked for longer, it gives up at once).
 * - 4xx other than 429 (a wrong key, a rejected request) fall back at once.
 * - An answer that is not JSON or fails `validate` is sent back once with its errors (the repair attempt);
 *   a second bad answer falls back.
 * - The offline provider never touches the network. A cancelled call (the caller's signal) rejects with
 *   `LlmAbortedError` instead of falling back.
 */
@Injectable()
export class LlmService {
  private readonly logger = new Logger(LlmService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly providers: LlmProviderRegistry,
  ) {}

  /** The provider and model calls use by default. */
  /** The provider a call would go to (the configured one, or `provider`) and its model. */
  describe(provider: LlmProviderName = this.providers.configured): {
    provider: LlmProviderName;
    model: string;
  } {
    return { provider, model: this.providers.modelOf(provider) };
  }

  async generateJson<T>(request: LlmJsonRequest<T>, options: LlmCallOptions = {}): Promise<LlmJsonResult<T>> {
    const started = performance.now();
    const name = options.provider ?? this.providers.configured;
    if (options.signal?.aborted) throw new LlmAbortedError(name, options.signal.reason);
    if (name === 'offline') {
      return this.offline(request, started, { attempts: 0, usage: ZERO_USAGE }, null);
    }
    let provider: LlmProvider;
    try {
      provider = this.providers.get(name);
    } catch (error) {
      if (!(error instanceof LlmError)) throw error;
      return this.fallBack(request, started, { attempts: 0, usage: ZERO_USAGE }, name, error.summary);
    }
    return this.ask(provider, request, started, options.signal);
  }

  private async ask<T>(
    provider: LlmProvider,
    request: LlmJsonRequest<T>,
    started: number,
    signal: AbortSignal | undefined,
  ): Promise<LlmJsonResult<T>> {
    const { timeoutMs, retries, temperature } = this.config.llm;
    const base: Omit<LlmCompleteOptions, 'repair'> = {
      temperature: request.temperature ?? temperature,
      signal,
      timeoutMs,
      schemaName: schemaName(request.task),
    };
    let usage: LlmUsage = ZERO_USAGE;
    let attempts = 0;
    let failures = 0;
    let repair: LlmCompleteOptions['repair'];
    for (;;) {
      attempts += 1;
      let text: string;
      try {
        const completion = await provider.complete(request.system, request.user, request.schema, {
          ...base,
          repair,
        });
        usage = addUsage(usage, completion.usage);
        text = completion.text;
      } catch (error) {
        const failure = asLlmError(error, provider.name);
        if (failure.kind === 'aborted') throw failure;
        const wait = failure.transient && failures < retries ? this.retryDelay(failure, failures) : undefined;
        if (wait === undefined || typeof wait === 'string') {
          const why = typeof wait === 'string' ? `${failure.summary}, ${wait}` : failure.summary;
          this.logger.warn(`LLM ${request.task}: ${provider.name} failed (${failure.message})`);
          return this.fallBack(
            request,
            started,
            { attempts, usage },
            provider.name,
            `${why} ${times(attempts)}`,
          );
        }
        failures += 1;
        this.logger.warn(
          `LLM ${request.task}: ${provider.name} attempt ${attempts} failed (${failure.message}); retrying in ${wait} ms`,
        );
        await sleep(wait, signal).catch((reason: unknown) => {
          throw new LlmAbortedError(provider.name, reason);
        });
        continue;
      }

      const parsed = parseModelJson(text);
      const checked = parsed.ok ? request.validate(parsed.value) : parsed;
      if (checked.ok) {
        this.logger.debug(
          `LLM ${request.task}: ${provider.name}/${provider.model} answered ${times(attempts)}, ${usage.totalTokens} tokens (prompt ${request.promptVersion})`,
        );
        return {
          value: checked.value,
          provider: provider.name,
          model: provider.model,
          usage,
          attempts,
          repaired: repair !== undefined,
          degraded: null,
          durationMs: elapsed(started),
        };
      }
      const errors = summarizeErrors(checked.errors);
      if (repair) {
        this.logger.warn(`LLM ${request.task}: ${provider.name} gave an invalid answer again (${errors})`);
        return this.fallBack(
          request,
          started,
          { attempts, usage },
          provider.name,
          `invalid answer after repair (${errors})`,
        );
      }
      this.logger.warn(
        `LLM ${request.task}: ${provider.name} gave an invalid answer (${errors}); asking once more`,
      );
      repair = {
        previousAnswer: text.slice(0, MAX_REPAIR_ECHO_CHARS),
        feedback: repairFeedback(checked.errors),
      };
    }
  }

  /**
   * Milliseconds to wait before retry number `retry`; or why not to retry (a string) when the provider asks
   * for a longer wait than `MAX_RETRY_AFTER_MS`.
   */
  private retryDelay(failure: LlmError, retry: number): number | string {
    if (failure.retryAfterMs === undefined) return backoffDelayMs(retry, this.config.llm.retryBaseMs);
    if (failure.retryAfterMs > MAX_RETRY_AFTER_MS) {
      return `asked to wait ${Math.ceil(failure.retryAfterMs / 1000)} s (more than ${MAX_RETRY_AFTER_MS / 1000} s)`;
    }
    return failure.retryAfterMs;
  }

  private fallBack<T>(
    request: LlmJsonRequest<T>,
    started: number,
    outcome: Outcome,
    from: LlmProviderName,
    why: string,
  ): LlmJsonResult<T> {
    return this.offline(request, started, outcome, { reason: `${from}: ${why}`, from });
  }

  private offline<T>(
    request: LlmJsonRequest<T>,
    started: number,
    outcome: Outcome,
    degraded: LlmJsonResult<T>['degraded'],
  ): LlmJsonResult<T> {
    const checked = request.validate(request.offline());
    if (!checked.ok) {
      // A bug in the caller: its deterministic answer must satisfy its own validation.
      throw new Error(
        `LLM ${request.task}: the offline answer is invalid (${summarizeErrors(checked.errors)})`,
      );
    }
    return {
      value: checked.value,
      provider: 'offline',
      model: this.providers.modelOf('offline'),
      usage: { ...outcome.usage },
      attempts: outcome.attempts,
      repaired: false,
      degraded,
      durationMs: elapsed(started),
    };
  }
}

function asLlmError(error: unknown, provider: LlmProviderName): LlmError {
  if (error instanceof LlmError) return error;
  return new LlmError(`unexpected error: ${error instanceof Error ? error.message : String(error)}`, {
    kind: 'network',
    provider,
    cause: error,
  });
}

function times(attempts: number): string {
  return `after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}
