import { describe, expect, it } from 'vitest';
import { GenerationRunner } from '@app/generation/jobs/generation.runner';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function harness(opts: { timeoutMs: number; storeMs: number; cancelAtStoreMs?: number }) {
  const record: any = {
    id: '665f1c2e9b1d8a3f4c2e1a0b', ownerId: '665f1c2e9b1d8a3f4c2e1a0c', status: 'queued', timings: [],
    author: { userId: '665f1c2e9b1d8a3f4c2e1a0c', keyPrefix: null, role: 'user' },
    input: { candidate: { profileId: 'x' }, job: { analysisId: 'y' }, template: 'classic', paper: 'letter', maxPages: 1, reuse: false },
    startedAt: null, result: null, error: null,
  };
  const events: string[] = [];
  const versions: number[] = [];
  let flag = false;
  const repo: any = {
    findById: async () => ({ ...record }),
    set: async (_o: string, _i: string, c: any) => Object.assign(record, c),
    appendEvent: async (_i: string, type: string) => { events.push(type); return events.length; },
    findReusable: async () => null,
  };
  const doc = { basics: { name: 'A' } };
  const steps: any = {
    candidate: async () => ({ profile: {}, identity: 'p@1' }),
    job: async () => ({ analysis: {}, analysisId: 'y', textHash: 'h', title: 'T', company: null }),
    match: () => ({ score: 50 }),
    describeDraft: () => ({ provider: 'offline', model: 'offline', promptVersion: 'v' }),
    draft: async () => ({ value: doc, degraded: null, provider: 'offline', model: 'offline', usage: {}, attempts: 0, repaired: false }),
    factCheck: () => ({ verdict: 'pass', findings: [], stats: {}, document: doc }),
    renderDocument: async () => ({ report: { ats: {}, pages: 1 } }),
    store: async () => {
      if (opts.cancelAtStoreMs !== undefined) setTimeout(() => (flag = true), opts.cancelAtStoreMs);
      await sleep(opts.storeMs);
      versions.push(1);
      return { resumeId: 'r', version: 1 };
    },
  };
  const cancels: any = { isRequested: async () => flag };
  const clock: any = { now: () => new Date() };
  const config: any = { generation: { jobTimeoutMs: opts.timeoutMs } };
  const runner = new GenerationRunner(repo, steps, cancels, clock, config);
  const job: any = { data: { generationId: record.id, ownerId: record.ownerId }, attemptsMade: 0, opts: { attempts: 3 } };
  return { runner, job, record, events, versions };
}

describe('runner probes', () => {
  it('cancel during store: generation cancelled, but the resume version is still written', async () => {
    const h = harness({ timeoutMs: 60_000, storeMs: 800, cancelAtStoreMs: 50 });
    await h.runner.run(h.job);
    const statusAtReturn = h.record.status;
    await sleep(1000);
    console.log('CANCEL-DURING-STORE', { statusAtReturn, result: h.record.result, versions: h.versions.length, events: h.events });
    expect(statusAtReturn).toBe('cancelled');
    expect(h.versions.length).toBe(1);
  });
  it('timeout during store: generation failed (timeout), but the resume version is still written', async () => {
    const h = harness({ timeoutMs: 1000, storeMs: 1500 });
    await h.runner.run(h.job); // returns normally -> BullMQ marks completed, no retry
    const statusAtReturn = h.record.status;
    await sleep(1700);
    console.log('TIMEOUT-DURING-STORE', { statusAtReturn, error: h.record.error?.code, versions: h.versions.length });
    expect(statusAtReturn).toBe('failed');
    expect(h.versions.length).toBe(1);
  });
});
