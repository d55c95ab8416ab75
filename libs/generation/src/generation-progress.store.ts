import { createHash } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { type RedisClientType } from '@keyv/redis';
import { type AppConfig, APP_CONFIG, REDIS_CLIENT } from '@app/core';

import { type GenerationRecord } from './generation.repository';

/**
 * What a running generation shows beyond its document (status `running`, the step, progress, timings and the
 * reports so far). It lives in Redis while the generation runs; the runner writes it into the document once,
 * with the final state.
 */
export type GenerationLiveState = Partial<
  Pick<
    GenerationRecord,
    | 'status'
    | 'step'
    | 'progress'
    | 'timings'
    | 'startedAt'
    | 'target'
    | 'inputHash'
    | 'match'
    | 'factCheck'
    | 'ats'
    | 'llm'
    | 'degraded'
  >
>;

/** One event of a generation, numbered in order from 1: what `GET …/events` streams. */
export interface GenerationEventRecord {
  seq: number;
  type: string;
  data: Record<string, unknown>;
  at: Date;
}

export type NewGenerationEvent = Omit<GenerationEventRecord, 'seq'>;

/** With the events: replace the live state, delete it (the generation has ended), or leave it as it is. */
export type LiveStateChange = { set: GenerationLiveState } | 'delete' | 'keep';

/**
 * Appends events with the next sequence numbers (stream ids `0-<seq>`, from 1) and changes the live state, in
 * one atomic step; both keys get the TTL again. Returns the last sequence number of the stream.
 * KEYS: the stream, the live state. ARGV: TTL in ms, 'set' | 'delete' | 'keep', the live state (JSON), the
 * floor (numbers continue after it even if the stream was lost: a failover, an eviction), events.
 */
const APPEND_SCRIPT = `
local ttl = tonumber(ARGV[1])
if ARGV[2] == 'set' then
  redis.call('SET', KEYS[2], ARGV[3], 'PX', ttl)
elseif ARGV[2] == 'delete' then
  redis.call('DEL', KEYS[2])
end
local seq = tonumber(ARGV[4])
local last = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)
if last[1] then seq = math.max(seq, tonumber(string.match(last[1][1], '%-(%d+)$'))) end
for i = 5, #ARGV do
  seq = seq + 1
  redis.call('XADD', KEYS[1], '0-' .. seq, 'e', ARGV[i])
end
if #ARGV >= 5 then redis.call('PEXPIRE', KEYS[1], ttl) end
return seq
`;
const APPEND_SHA = createHash('sha1').update(APPEND_SCRIPT).digest('hex');

/** Events read back per call (a stream is a few dozen events; a reader pages with its last number). */
const PAGE = 500;

type StreamEntry = { id: string; message: Record<string, string> };

/**
 * A generation's progress in Redis: its event stream (what `GET …/events` serves, in order, numbered from 1) and
 * its live state while it runs. Neither is the record of what happened: the generation document is, and holds
 * the final state and the number of the final event, so both keys can expire (GENERATION_EVENTS_TTL_SECONDS
 * after the last write) without losing the outcome. Callers check ownership on the document first: keys are by
 * generation id.
 *
 * Why Redis: on the MongoDB-compatible FerretDB (SQLite) every update rewrites the whole document after scanning
 * the collection, so a write per step made the pipeline's bookkeeping cost more than its work.
 */
@Injectable()
export class GenerationProgressStore {
  private readonly ttlMs: number;

  constructor(
    @Inject(REDIS_CLIENT) private readonly redis: RedisClientType,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.ttlMs = config.generation.eventsTtlSeconds * 1000;
  }

  /** Keys of one generation share a hash tag (one slot, for the script on a Redis Cluster). */
  private key(generationId: string, kind: 'events' | 'live'): string {
    return `${this.config.redis.keyPrefix}:generation:{${generationId}}:${kind}`;
  }

  /**
   * Appends the events in order and applies the live state change, atomically; returns the last number. The
   * events are numbered after `afterSeq` at least (the writer's last number: numbers never go back, even when
   * the stream was lost).
   */
  async append(
    generationId: string,
    events: NewGenerationEvent[],
    live: LiveStateChange = 'keep',
    afterSeq = 0,
  ): Promise<number> {
    const mode = live === 'delete' || live === 'keep' ? live : 'set';
    const options = {
      keys: [this.key(generationId, 'events'), this.key(generationId, 'live')],
      arguments: [
        String(this.ttlMs),
        mode,
        typeof live === 'object' ? JSON.stringify(live.set) : '',
        String(afterSeq),
        ...events.map((event) =>
          JSON.stringify({ type: event.type, data: event.data, at: event.at.toISOString() }),
        ),
      ],
    };
    let reply: unknown;
    try {
      reply = await this.redis.evalSha(APPEND_SHA, options);
    } catch (error) {
      if (!String((error as Error).message).includes('NOSCRIPT')) throw error;
      reply = await this.redis.eval(APPEND_SCRIPT, options);
    }
    return Number(reply);
  }

  /** The number of the last event (0 when there is none, or the stream has expired). */
  async lastSeq(generationId: string): Promise<number> {
    const [last] = (await this.redis.xRevRange(this.key(generationId, 'events'), '+', '-', {
      COUNT: 1,
    })) as StreamEntry[];
    return last ? seqOf(last.id) : 0;
  }

  /** Events numbered after `afterSeq`, in order. */
  async eventsAfter(generationId: string, afterSeq: number): Promise<GenerationEventRecord[]> {
    const entries = (await this.redis.xRange(this.key(generationId, 'events'), `0-${afterSeq + 1}`, '+', {
      COUNT: PAGE,
    })) as StreamEntry[];
    return entries.map((entry) => {
      const event = JSON.parse(entry.message.e ?? '{}') as {
        type: string;
        data: Record<string, unknown>;
        at: string;
      };
      return { seq: seqOf(entry.id), type: event.type, data: event.data, at: new Date(event.at) };
    });
  }

  /** The live state of a running generation, or null (not started, ended, or expired). */
  async live(generationId: string): Promise<GenerationLiveState | null> {
    return parseLive(await this.redis.get(this.key(generationId, 'live')));
  }

  /** Live states of several generations (one round trip: node-redis pipelines the reads). */
  async liveOf(generationIds: string[]): Promise<Map<string, GenerationLiveState>> {
    const values = await Promise.all(generationIds.map((id) => this.redis.get(this.key(id, 'live'))));
    const found = new Map<string, GenerationLiveState>();
    values.forEach((value, i) => {
      const live = parseLive(value);
      if (live) found.set(generationIds[i], live);
    });
    return found;
  }
}

const seqOf = (id: string) => Number(id.slice(id.indexOf('-') + 1));

/** JSON turned dates into strings: they come back as dates, as from the document. */
function parseLive(value: string | null): GenerationLiveState | null {
  if (!value) return null;
  const live = JSON.parse(value) as GenerationLiveState;
  if (live.startedAt) live.startedAt = new Date(live.startedAt);
  if (live.timings)
    live.timings = live.timings.map((timing) => ({ ...timing, startedAt: new Date(timing.startedAt) }));
  return live;
}
