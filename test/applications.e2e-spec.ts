/**
 * Job applications over HTTP against the real app and database: CRUD and validation, the status machine
 * (every allowed transition, a sample of refused ones, reopen), the timeline with back-dated events,
 * list filters and pagination, statistics on a seeded set with known answers, scopes and ownership.
 * Resume references point at real resumes created over HTTP (the app checks them through libs/resumes).
 */
import { getConnectionToken } from '@nestjs/mongoose';
import { type Connection, Types } from 'mongoose';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATION_STATUSES, type ApplicationStatus, STATUS_TRANSITIONS } from '@app/applications';
import { type Scope } from '@app/core';
import { type TestApp, type TestUser, createTestUser, startTestApp } from '@app/testing';

import { createResumeWithVersions } from './support/resume-fixtures';

const BASE = '/api/v1/applications';
const DAY = 24 * 60 * 60 * 1000;
const UNKNOWN_ID = '665f1c2e9b1d8a3f4c2e1a0b';
/** Owners of applications; the resume scopes let the resume helper create real resumes once it does. */
const OWNER_SCOPES: Scope[] = ['applications:read', 'applications:write', 'resumes:read', 'resumes:write'];

interface ApplicationBody {
  id: string;
  company: string;
  role: string;
  status: ApplicationStatus;
  allowedTransitions: ApplicationStatus[];
  canReopen: boolean;
  appliedAt: string | null;
  firstResponseAt: string | null;
  closedAt: string | null;
  statusChangedAt: string | null;
  followUpDue: boolean;
  tags: string[];
  createdAt: string;
  [field: string]: unknown;
}

interface EventBody {
  id: string;
  type: string;
  from: ApplicationStatus | null;
  to: ApplicationStatus | null;
  note: string | null;
  at: string;
  recordedAt: string;
  actor: { userId: string; keyPrefix: string };
}

const as = (who: TestUser) => ({ 'x-api-key': who.key });
const iso = (ms: number) => new Date(ms).toISOString();
const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((error) => error.field);

/** The shortest way from draft to each status, from the transitions table. */
function pathTo(target: ApplicationStatus): ApplicationStatus[] {
  const previous = new Map<ApplicationStatus, ApplicationStatus>();
  const queue: ApplicationStatus[] = ['draft'];
  while (queue.length) {
    const from = queue.shift()!;
    for (const to of STATUS_TRANSITIONS[from]) {
      if (to === 'draft' || previous.has(to)) continue;
      previous.set(to, from);
      queue.push(to);
    }
  }
  const path: ApplicationStatus[] = [];
  for (let status = target; status !== 'draft'; status = previous.get(status)!) path.unshift(status);
  return path;
}

describe('applications', () => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let reader: TestUser;
  let writerOnly: TestUser;

  beforeAll(async () => {
    t = await startTestApp({
      env: { AUDIT_FLUSH_INTERVAL_MS: '20' },
    });
    alice = await createTestUser(t, { scopes: OWNER_SCOPES });
    bob = await createTestUser(t, { scopes: OWNER_SCOPES });
    reader = await createTestUser(t, { scopes: ['applications:read'] });
    writerOnly = await createTestUser(t, { scopes: ['applications:write'] });
  });
  afterAll(() => t.close());

  async function create(who: TestUser, body: Record<string, unknown> = {}): Promise<ApplicationBody> {
    const res = await request(t.server)
      .post(BASE)
      .set(as(who))
      .send({ company: 'Acme', role: 'Engineer', ...body });
    expect(res.status, res.text).toBe(201);
    return res.body as ApplicationBody;
  }

  function transition(who: TestUser, id: string, body: Record<string, unknown>) {
    return request(t.server).post(`${BASE}/${id}/transitions`).set(as(who)).send(body);
  }

  async function moveTo(who: TestUser, id: string, status: ApplicationStatus): Promise<ApplicationBody> {
    let last: ApplicationBody | undefined;
    for (const to of pathTo(status)) {
      const res = await transition(who, id, { to });
      expect(res.status, res.text).toBe(200);
      last = res.body as ApplicationBody;
    }
    return last ?? ((await request(t.server).get(`${BASE}/${id}`).set(as(who))).body as ApplicationBody);
  }

  async function timeline(who: TestUser, id: string, query = ''): Promise<EventBody[]> {
    const res = await request(t.server).get(`${BASE}/${id}/timeline${query}`).set(as(who)).expect(200);
    return res.body.items as EventBody[];
  }

  describe('create, read, update, delete', () => {
    it('creates a draft with normalised fields, reads it back, updates fields and deletes it', async () => {
      const { resumeId } = await createResumeWithVersions(t, alice, 2);
      const created = await create(alice, {
        company: '  Initech  ',
        role: 'Staff Engineer',
        jobUrl: 'https://jobs.initech.example/42',
        jobDescription: 'Build TPS report pipelines in TypeScript.',
        jobAnalysisId: 'ja_123',
        location: 'Austin, TX',
        salary: { min: 150000, max: 180000.5, currency: 'usd', period: 'year' },
        source: 'referral',
        resume: { resumeId, version: 2 },
        contacts: [
          { name: 'Bill Lumbergh', email: 'Bill@Initech.example', role: 'Hiring manager' },
          { name: 'Sam', phone: '+1 (512) 555-0100', linkedinUrl: 'https://www.linkedin.com/in/sam' },
        ],
        notes: 'Mention the stapler.',
        tags: [' Remote ', 'remote', 'Dream-Job'],
        followUpAt: '2099-01-01T09:00:00Z',
      });
      expect(created).toMatchObject({
        company: 'Initech',
        status: 'draft',
        allowedTransitions: ['applied', 'rejected', 'withdrawn'],
        canReopen: false,
        appliedAt: null,
        closedAt: null,
        statusChangedAt: null,
        salary: { min: 150000, max: 180000.5, currency: 'USD', period: 'year' },
        resume: { resumeId, version: 2 },
        contacts: [
          { name: 'Bill Lumbergh', email: 'bill@initech.example', role: 'Hiring manager' },
          { name: 'Sam', phone: '+1 (512) 555-0100', linkedinUrl: 'https://www.linkedin.com/in/sam' },
        ],
        tags: ['remote', 'dream-job'],
        followUpAt: '2099-01-01T09:00:00.000Z',
        followUpDue: false,
      });
      const read = await request(t.server).get(`${BASE}/${created.id}`).set(as(alice)).expect(200);
      expect(read.body).toEqual(created);

      const updated = await request(t.server)
        .patch(`${BASE}/${created.id}`)
        .set(as(alice))
        .send({
          role: 'Principal Engineer',
          location: null,
          salary: null,
          tags: ['onsite'],
          followUpAt: null,
        })
        .expect(200);
      expect(updated.body).toMatchObject({
        company: 'Initech',
        role: 'Principal Engineer',
        location: null,
        salary: null,
        tags: ['onsite'],
        followUpAt: null,
        jobDescription: 'Build TPS report pipelines in TypeScript.',
        status: 'draft',
      });
      expect(Date.parse(updated.body.updatedAt)).toBeGreaterThanOrEqual(
        Date.parse(created.updatedAt as string),
      );

      await request(t.server).delete(`${BASE}/${created.id}`).set(as(alice)).expect(204);
      await request(t.server).get(`${BASE}/${created.id}`).set(as(alice)).expect(404);
      await request(t.server).delete(`${BASE}/${created.id}`).set(as(alice)).expect(404);
      await request(t.server).get(`${BASE}/${created.id}/timeline`).set(as(alice)).expect(404);
    });

    it('PATCH never changes the status and refuses null for required fields', async () => {
      const app = await create(alice);
      const status = await request(t.server)
        .patch(`${BASE}/${app.id}`)
        .set(as(alice))
        .send({ status: 'offer' })
        .expect(400);
      expect(status.body.errors[0]).toMatchObject({ field: 'status', rule: 'unknown_property' });
      const nulls = await request(t.server)
        .patch(`${BASE}/${app.id}`)
        .set(as(alice))
        .send({ company: null, role: '', tags: null })
        .expect(400);
      expect(fieldsOf(nulls.body)).toEqual(expect.arrayContaining(['company', 'role', 'tags']));
    });

    it('unknown and malformed ids are 404 application_not_found', async () => {
      for (const id of [UNKNOWN_ID, 'not-an-id']) {
        const res = await request(t.server).get(`${BASE}/${id}`).set(as(alice)).expect(404);
        expect(res.body).toMatchObject({ code: 'application_not_found', status: 404 });
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    });
  });

  describe('validation', () => {
    it('names every invalid field', async () => {
      const res = await request(t.server)
        .post(BASE)
        .set(as(alice))
        .send({
          company: ' ',
          jobUrl: 'ftp://example.com/job',
          jobAnalysisId: 'has spaces',
          salary: { min: 200, max: 100, currency: 'euro', period: 'fortnight' },
          source: 'carrier-pigeon',
          resume: { resumeId: 'bad id!', version: 0 },
          contacts: [{ name: '', email: 'nope', linkedinUrl: 'https://evil.example/in/x', phone: 'call me' }],
          tags: Array.from({ length: 21 }, (_, i) => `tag-${i}`),
          followUpAt: 'tomorrow',
          status: 'offer',
        })
        .expect(400);
      expect(res.body).toMatchObject({ code: 'validation_failed', status: 400 });
      expect(fieldsOf(res.body)).toEqual(
        expect.arrayContaining([
          'company',
          'role',
          'jobUrl',
          'jobAnalysisId',
          'salary.max',
          'salary.currency',
          'salary.period',
          'source',
          'resume.resumeId',
          'resume.version',
          'contacts.0.name',
          'contacts.0.email',
          'contacts.0.linkedinUrl',
          'contacts.0.phone',
          'tags',
          'followUpAt',
          'status',
        ]),
      );
      for (const error of res.body.errors as { field: string; message: string }[]) {
        expect(error.message).toContain(error.field.split('.').pop());
      }
    });

    it('enforces length and count limits', async () => {
      const res = await request(t.server)
        .post(BASE)
        .set(as(alice))
        .send({
          company: 'x'.repeat(201),
          role: 'Engineer',
          jobDescription: 'x'.repeat(50_001),
          contacts: Array.from({ length: 21 }, (_, i) => ({ name: `c${i}` })),
          tags: ['x'.repeat(41)],
          salary: { currency: 'EUR', period: 'year' },
        })
        .expect(400);
      expect(fieldsOf(res.body)).toEqual(
        expect.arrayContaining(['company', 'jobDescription', 'contacts', 'tags', 'salary.min']),
      );
    });

    it('refuses a resume or version that is not the caller’s with 422 naming resume', async () => {
      const mine = await createResumeWithVersions(t, alice, 3);
      const bobs = await createResumeWithVersions(t, bob, 3);
      for (const resume of [
        { resumeId: mine.resumeId, version: 4 },
        { resumeId: bobs.resumeId, version: 1 },
        { resumeId: 'unknown', version: 1 },
      ]) {
        const res = await request(t.server)
          .post(BASE)
          .set(as(alice))
          .send({ company: 'Acme', role: 'Engineer', resume })
          .expect(422);
        expect(res.body).toMatchObject({
          code: 'resume_not_found',
          errors: [{ field: 'resume', in: 'body' }],
        });
      }
      const app = await create(alice, { resume: { resumeId: mine.resumeId, version: 3 } });
      const patch = await request(t.server)
        .patch(`${BASE}/${app.id}`)
        .set(as(alice))
        .send({ resume: { resumeId: bobs.resumeId, version: 1 } })
        .expect(422);
      expect(patch.body.errors[0].field).toBe('resume');
      await request(t.server)
        .patch(`${BASE}/${app.id}`)
        .set(as(alice))
        .send({ resume: { resumeId: mine.resumeId, version: 1 } })
        .expect(200);
    });
  });

  describe('status machine', () => {
    const allowed = APPLICATION_STATUSES.flatMap((from) =>
      STATUS_TRANSITIONS[from].map((to) => [from, to] as const),
    );

    it.each(allowed)('allows %s → %s over HTTP', async (from, to) => {
      const app = await create(alice, { company: `Transition ${from}-${to}` });
      const before = await moveTo(alice, app.id, from);
      expect(before.status).toBe(from);
      const res = await transition(alice, app.id, { to, note: `${from} to ${to}` });
      expect(res.status, res.text).toBe(200);
      const after = res.body as ApplicationBody;
      expect(after).toMatchObject({
        status: to,
        allowedTransitions: [...STATUS_TRANSITIONS[to]],
        canReopen: ['accepted', 'rejected', 'withdrawn'].includes(to),
      });
      expect(after.statusChangedAt).not.toBeNull();
      expect(after.closedAt === null).toBe(!['accepted', 'rejected', 'withdrawn'].includes(to));
      expect(after.appliedAt === null).toBe(from === 'draft' && to !== 'applied');
      const events = await timeline(alice, app.id);
      expect(events[0]).toMatchObject({ type: 'status_changed', from, to, note: `${from} to ${to}` });
    });

    it.each([
      ['draft', 'screening'],
      ['draft', 'accepted'],
      ['draft', 'draft'],
      ['applied', 'draft'],
      ['applied', 'accepted'],
      ['screening', 'applied'],
      ['interviewing', 'screening'],
      ['interviewing', 'accepted'],
      ['offer', 'interviewing'],
      ['accepted', 'rejected'],
      ['rejected', 'applied'],
      ['withdrawn', 'withdrawn'],
    ] as const)('refuses %s → %s with a 409 naming the allowed statuses', async (from, to) => {
      const app = await create(alice, { company: `Refused ${from}-${to}` });
      await moveTo(alice, app.id, from);
      const res = await transition(alice, app.id, { to }).expect(409);
      const allowedNext = [...STATUS_TRANSITIONS[from]];
      expect(res.body).toMatchObject({
        code: 'invalid_transition',
        status: 409,
        from,
        to,
        allowedTransitions: allowedNext,
        canReopen: allowedNext.length === 0,
      });
      for (const status of allowedNext) expect(res.body.detail).toContain(status);
      if (allowedNext.length === 0) expect(res.body.detail).toContain('reopen');
      const unchanged = await request(t.server).get(`${BASE}/${app.id}`).set(as(alice)).expect(200);
      expect(unchanged.body.status).toBe(from);
    });

    it('applies one of two concurrent identical transitions; the other is a 409', async () => {
      const app = await create(alice, { company: 'Race Inc' });
      await moveTo(alice, app.id, 'applied');
      const results = await Promise.all([
        transition(alice, app.id, { to: 'screening' }),
        transition(alice, app.id, { to: 'screening' }),
      ]);
      expect(results.map((res) => res.status).sort()).toEqual([200, 409]);
      const events = await timeline(alice, app.id);
      expect(events.filter((item) => item.to === 'screening')).toHaveLength(1);
    });

    it('an application that missed a recorded status change catches up on the next PATCH or change', async () => {
      const app = await create(alice, { company: 'Stale Doc' });
      await transition(alice, app.id, { to: 'applied' }).expect(200);
      // What a crash between recording and applying, or an older document written back, leaves behind.
      await t.app
        .get<Connection>(getConnectionToken())
        .collection('applications')
        .updateOne(
          { _id: new Types.ObjectId(app.id) },
          { $set: { status: 'draft', stateVersion: 0, appliedAt: null, statusChangedAt: null } },
        );
      const patched = await request(t.server)
        .patch(`${BASE}/${app.id}`)
        .set(as(alice))
        .send({ notes: 'caught up' })
        .expect(200);
      expect(patched.body).toMatchObject({
        status: 'applied',
        notes: 'caught up',
        appliedAt: expect.any(String),
      });
      await transition(alice, app.id, { to: 'screening' }).expect(200);
      const events = await timeline(alice, app.id, '?order=asc');
      expect(events.map((item) => `${item.type}:${item.from}>${item.to}`)).toEqual([
        'created:null>draft',
        'status_changed:draft>applied',
        'status_changed:applied>screening',
      ]);
    });

    it('refuses an unknown status as a validation error', async () => {
      const app = await create(alice);
      const res = await transition(alice, app.id, { to: 'hired' }).expect(400);
      expect(fieldsOf(res.body)).toEqual(['to']);
    });

    it('reopen returns a closed application to the status it had before closing', async () => {
      const app = await create(alice, { company: 'Reopen Co' });
      await moveTo(alice, app.id, 'applied');
      await transition(alice, app.id, { to: 'interviewing' }).expect(200);
      const rejected = (await transition(alice, app.id, { to: 'rejected' }).expect(200))
        .body as ApplicationBody;
      expect(rejected).toMatchObject({ status: 'rejected', allowedTransitions: [], canReopen: true });

      const reopened = await request(t.server)
        .post(`${BASE}/${app.id}/reopen`)
        .set(as(alice))
        .send({ note: 'They called back' })
        .expect(200);
      expect(reopened.body).toMatchObject({
        status: 'interviewing',
        closedAt: null,
        canReopen: false,
        appliedAt: rejected.appliedAt,
        firstResponseAt: rejected.firstResponseAt,
        allowedTransitions: ['offer', 'rejected', 'withdrawn'],
      });
      const events = await timeline(alice, app.id);
      expect(events[0]).toMatchObject({
        type: 'reopened',
        from: 'rejected',
        to: 'interviewing',
        note: 'They called back',
      });

      const again = await request(t.server)
        .post(`${BASE}/${app.id}/reopen`)
        .set(as(alice))
        .send({})
        .expect(409);
      expect(again.body).toMatchObject({
        code: 'application_not_closed',
        allowedTransitions: ['offer', 'rejected', 'withdrawn'],
      });
      await transition(alice, app.id, { to: 'offer' }).expect(200);
      await transition(alice, app.id, { to: 'accepted' }).expect(200);
      const fromAccepted = await request(t.server)
        .post(`${BASE}/${app.id}/reopen`)
        .set(as(alice))
        .expect(200);
      expect(fromAccepted.body.status).toBe('offer');

      const draft = await create(alice, { company: 'Abandoned draft' });
      await transition(alice, draft.id, { to: 'withdrawn' }).expect(200);
      const back = await request(t.server).post(`${BASE}/${draft.id}/reopen`).set(as(alice)).expect(200);
      expect(back.body).toMatchObject({ status: 'draft', appliedAt: null });
    });
  });

  describe('timeline, notes and back-dating', () => {
    it('accepts back-dated events within bounds and refuses the rest, naming at', async () => {
      const app = await create(alice, { company: 'Backdate Inc' });
      const createdAt = Date.parse(app.createdAt);
      const appliedAt = Date.now() - 10 * DAY;
      const applied = await transition(alice, app.id, { to: 'applied', at: iso(appliedAt) }).expect(200);
      expect(applied.body).toMatchObject({ appliedAt: iso(appliedAt), statusChangedAt: iso(appliedAt) });

      const cases: [Record<string, unknown>, string][] = [
        [{ to: 'screening', at: iso(appliedAt - 1000) }, 'notBeforePreviousStatusChange'],
        [{ to: 'screening', at: iso(Date.now() + 60 * 60 * 1000) }, 'notInFuture'],
      ];
      for (const [body, rule] of cases) {
        const res = await transition(alice, app.id, body).expect(400);
        expect(res.body).toMatchObject({
          code: 'invalid_event_time',
          errors: [{ field: 'at', in: 'body', rule }],
          earliest: expect.any(String),
          latest: expect.any(String),
        });
      }
      const fresh = await create(alice, { company: 'Way back' });
      const tooOld = await transition(alice, fresh.id, {
        to: 'applied',
        at: iso(Date.parse(fresh.createdAt) - 366 * DAY),
      }).expect(400);
      expect(tooOld.body.errors[0]).toMatchObject({ field: 'at', rule: 'withinBackdateWindow' });
      await transition(alice, fresh.id, {
        to: 'applied',
        at: iso(Date.parse(fresh.createdAt) - 364 * DAY),
      }).expect(200);

      // Notes may annotate moments before the latest status change, but not the future beyond the skew.
      const early = await request(t.server)
        .post(`${BASE}/${app.id}/notes`)
        .set(as(alice))
        .send({ text: 'Saw the posting', at: iso(appliedAt - 5 * DAY) })
        .expect(201);
      expect(early.body).toMatchObject({
        type: 'note',
        note: 'Saw the posting',
        at: iso(appliedAt - 5 * DAY),
      });
      await request(t.server)
        .post(`${BASE}/${app.id}/notes`)
        .set(as(alice))
        .send({ text: 'Clock skew', at: iso(Date.now() + 2 * 60 * 1000) })
        .expect(201);
      const future = await request(t.server)
        .post(`${BASE}/${app.id}/notes`)
        .set(as(alice))
        .send({ text: 'From the future', at: iso(Date.now() + 10 * 60 * 1000) })
        .expect(400);
      expect(future.body.errors[0]).toMatchObject({ field: 'at', rule: 'notInFuture' });
      const old = await request(t.server)
        .post(`${BASE}/${app.id}/notes`)
        .set(as(alice))
        .send({ text: 'Ancient', at: iso(createdAt - 400 * DAY) })
        .expect(400);
      expect(old.body.errors[0]).toMatchObject({ field: 'at', rule: 'withinBackdateWindow' });
      const invalid = await request(t.server)
        .post(`${BASE}/${app.id}/notes`)
        .set(as(alice))
        .send({ text: '', at: 'yesterday' })
        .expect(400);
      expect(fieldsOf(invalid.body)).toEqual(expect.arrayContaining(['text', 'at']));
      await request(t.server)
        .post(`${BASE}/${app.id}/notes`)
        .set(as(alice))
        .send({ text: 'x'.repeat(2001) })
        .expect(400);
    });

    it('orders the timeline by at, both ways, and pages through it without gaps or repeats', async () => {
      const app = await create(alice, { company: 'Timeline Ltd' });
      const now = Date.now();
      await transition(alice, app.id, { to: 'applied', at: iso(now - 9 * DAY), note: 'sent' }).expect(200);
      await request(t.server)
        .post(`${BASE}/${app.id}/notes`)
        .set(as(alice))
        .send({ text: 'found it on a board', at: iso(now - 12 * DAY) })
        .expect(201);
      await transition(alice, app.id, { to: 'screening', at: iso(now - 5 * DAY) }).expect(200);
      await request(t.server)
        .post(`${BASE}/${app.id}/notes`)
        .set(as(alice))
        .send({ text: 'prep for the call', at: iso(now - 7 * DAY) })
        .expect(201);
      await transition(alice, app.id, { to: 'rejected' }).expect(200);
      await request(t.server).post(`${BASE}/${app.id}/reopen`).set(as(alice)).send({}).expect(200);
      await request(t.server)
        .post(`${BASE}/${app.id}/notes`)
        .set(as(alice))
        .send({ text: 'latest' })
        .expect(201);

      const asc = await timeline(alice, app.id, '?order=asc');
      expect(
        asc.map((event) => (event.type === 'note' ? `note:${event.note}` : `${event.type}:${event.to}`)),
      ).toEqual([
        'note:found it on a board',
        'status_changed:applied',
        'note:prep for the call',
        'status_changed:screening',
        'created:draft',
        'status_changed:rejected',
        'reopened:screening',
        'note:latest',
      ]);
      for (let i = 1; i < asc.length; i++) {
        expect(Date.parse(asc[i].at)).toBeGreaterThanOrEqual(Date.parse(asc[i - 1].at));
      }
      expect(
        asc.every((event) => event.actor.userId === alice.id && event.actor.keyPrefix === alice.keyPrefix),
      ).toBe(true);
      expect(asc.every((event) => Date.parse(event.recordedAt) >= Date.parse(app.createdAt))).toBe(true);
      const desc = await timeline(alice, app.id);
      expect(desc.map((event) => event.id)).toEqual(asc.map((event) => event.id).reverse());

      for (const order of ['asc', 'desc']) {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page: request.Response = await request(t.server)
            .get(`${BASE}/${app.id}/timeline?order=${order}&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
            .set(as(alice))
            .expect(200);
          expect(page.body.items.length).toBeLessThanOrEqual(3);
          seen.push(...page.body.items.map((event: EventBody) => event.id));
          cursor = page.body.nextCursor;
        } while (cursor);
        expect(seen).toEqual(order === 'asc' ? asc.map((e) => e.id) : desc.map((e) => e.id));
      }
    });
  });

  describe('list', () => {
    let carol: TestUser;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      carol = await createTestUser(t, { scopes: OWNER_SCOPES });
      const { resumeId } = await createResumeWithVersions(t, carol, 1);
      const now = Date.now();
      ids.acme = (
        await create(carol, { company: 'Acme Corp', tags: ['remote'], followUpAt: iso(now - DAY) })
      ).id;
      ids.acmeLabs = (await create(carol, { company: 'ACME Labs', resume: { resumeId, version: 1 } })).id;
      ids.globex = (
        await create(carol, { company: 'Globex', tags: ['remote', 'big'], followUpAt: iso(now + DAY) })
      ).id;
      ids.initech = (await create(carol, { company: 'Initech', followUpAt: iso(now - 2 * DAY) })).id;
      ids.umbrella = (await create(carol, { company: 'Umbrella', jobDescription: 'Long text' })).id;
      await transition(carol, ids.acme, { to: 'applied', at: iso(now - 3 * DAY) }).expect(200);
      await transition(carol, ids.globex, { to: 'applied', at: iso(now - 20 * DAY) }).expect(200);
      await transition(carol, ids.globex, { to: 'screening' }).expect(200);
      await transition(carol, ids.initech, { to: 'withdrawn' }).expect(200);
    });

    async function list(query: string): Promise<{ items: ApplicationBody[]; nextCursor: string | null }> {
      const res = await request(t.server).get(`${BASE}${query}`).set(as(carol));
      expect(res.status, res.text).toBe(200);
      return res.body;
    }
    const companies = (page: { items: ApplicationBody[] }) => page.items.map((item) => item.company);

    it('lists newest first, without the long fields, and pages through everything once', async () => {
      const all = await list('');
      expect(companies(all)).toEqual(['Umbrella', 'Initech', 'Globex', 'ACME Labs', 'Acme Corp']);
      expect(all.nextCursor).toBeNull();
      expect(all.items[0]).not.toHaveProperty('jobDescription');
      expect(all.items[0]).not.toHaveProperty('contacts');
      const first = await list('?limit=2');
      const second = await list(`?limit=2&cursor=${first.nextCursor}`);
      const third = await list(`?limit=2&cursor=${second.nextCursor}`);
      expect([...companies(first), ...companies(second), ...companies(third)]).toEqual(companies(all));
      expect(third.nextCursor).toBeNull();
    });

    it('filters by status, company, tag, resume and follow-up due', async () => {
      expect(companies(await list('?status=applied'))).toEqual(['Acme Corp']);
      expect(companies(await list('?status=applied,screening'))).toEqual(['Globex', 'Acme Corp']);
      expect(companies(await list('?status=applied&status=screening'))).toEqual(['Globex', 'Acme Corp']);
      expect(companies(await list('?company=acme'))).toEqual(['ACME Labs', 'Acme Corp']);
      expect(companies(await list('?company=a.m'))).toEqual([]);
      expect(companies(await list('?tag=REMOTE'))).toEqual(['Globex', 'Acme Corp']);
      expect(companies(await list('?tag=remote&status=screening'))).toEqual(['Globex']);
      const withResume = (await list('?company=labs')).items[0].resume as { resumeId: string };
      expect(companies(await list(`?resumeId=${withResume.resumeId}`))).toEqual(['ACME Labs']);
      // Initech's follow-up is past too, but it is withdrawn (closed).
      const due = await list('?followUpDue=true');
      expect(companies(due)).toEqual(['Acme Corp']);
      expect(due.items[0].followUpDue).toBe(true);
      expect(companies(await list('?followUpDue=false'))).toEqual([
        'Umbrella',
        'Initech',
        'Globex',
        'ACME Labs',
      ]);
    });

    it('filters by a date range on createdAt or appliedAt', async () => {
      const now = Date.now();
      const applied = await list(`?dateField=appliedAt&from=${iso(now - 5 * DAY)}&to=${iso(now)}`);
      expect(companies(applied)).toEqual(['Acme Corp']);
      const older = await list(`?dateField=appliedAt&to=${iso(now - 5 * DAY)}`);
      expect(companies(older)).toEqual(['Globex']);
      expect(companies(await list(`?from=${iso(now - 60 * 60 * 1000)}`))).toHaveLength(5);
      expect(companies(await list(`?to=${iso(now - 60 * 60 * 1000)}`))).toEqual([]);
    });

    it('rejects bad filters, naming them', async () => {
      const res = await request(t.server)
        .get(`${BASE}?status=applied,hired&followUpDue=maybe&dateField=updatedAt&limit=0&cursor=x`)
        .set(as(carol))
        .expect(400);
      expect(fieldsOf(res.body)).toEqual(
        expect.arrayContaining(['status', 'followUpDue', 'dateField', 'limit', 'cursor']),
      );
      const range = await request(t.server)
        .get(`${BASE}?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z`)
        .set(as(carol))
        .expect(400);
      expect(fieldsOf(range.body)).toEqual(['to']);
    });
  });

  describe('stats', () => {
    let dave: TestUser;
    const T0 = Date.now() - 20 * DAY;

    beforeAll(async () => {
      dave = await createTestUser(t, { scopes: OWNER_SCOPES });
      const seed = async (company: string, steps: [ApplicationStatus, number][]) => {
        const app = await create(dave, { company });
        for (const [to, at] of steps) {
          const res = await transition(dave, app.id, { to, at: iso(at) });
          expect(res.status, res.text).toBe(200);
        }
      };
      await seed('A draft', []);
      await seed('B no answer', [['applied', T0 - 30 * DAY]]);
      await seed('C screening after 2 days', [
        ['applied', T0],
        ['screening', T0 + 2 * DAY],
      ]);
      await seed('D rejected after 5 days', [
        ['applied', T0],
        ['rejected', T0 + 5 * DAY],
      ]);
      await seed('E accepted, first response after 3 days', [
        ['applied', T0],
        ['interviewing', T0 + 3 * DAY],
        ['offer', T0 + 10 * DAY],
        ['accepted', T0 + 12 * DAY],
      ]);
      await seed('F withdrawn without answer', [
        ['applied', T0],
        ['withdrawn', T0 + DAY],
      ]);
      await seed('G withdrawn after screening at 7 days', [
        ['applied', T0],
        ['screening', T0 + 7 * DAY],
        ['withdrawn', T0 + 8 * DAY],
      ]);
      await seed('H draft rejected', [['rejected', T0]]);
      // Someone else's applications never count.
      const other = await create(bob, { company: 'Not Dave' });
      await transition(bob, other.id, { to: 'applied' }).expect(200);
    });

    async function stats(query = '') {
      const res = await request(t.server).get(`${BASE}/stats${query}`).set(as(dave));
      expect(res.status, res.text).toBe(200);
      return res.body;
    }

    it('answers counts, response rate and median days to first response on a known set', async () => {
      expect(await stats()).toEqual({
        total: 8,
        open: 3,
        closed: 5,
        byStatus: {
          draft: 1,
          applied: 1,
          screening: 1,
          interviewing: 0,
          offer: 0,
          accepted: 1,
          rejected: 2,
          withdrawn: 2,
        },
        applied: 6,
        responded: 4,
        responseRate: 0.6667,
        medianDaysToFirstResponse: 4,
        range: { dateField: 'createdAt', from: null, to: null },
      });
    });

    it('limits the set to a date range on appliedAt or createdAt', async () => {
      const from = iso(T0 - DAY);
      const to = iso(Date.now() + DAY);
      expect(await stats(`?dateField=appliedAt&from=${from}&to=${to}`)).toMatchObject({
        total: 5,
        byStatus: { draft: 0, applied: 0, screening: 1, accepted: 1, rejected: 1, withdrawn: 2 },
        applied: 5,
        responded: 4,
        responseRate: 0.8,
        medianDaysToFirstResponse: 4,
        range: { dateField: 'appliedAt', from, to },
      });
      expect(await stats(`?from=${iso(Date.now() + 60 * 60 * 1000)}`)).toMatchObject({
        total: 0,
        applied: 0,
        responseRate: null,
        medianDaysToFirstResponse: null,
      });
    });

    it('is not captured by /applications/:id and counts only the caller’s own applications', async () => {
      const mine = await request(t.server).get(`${BASE}/stats`).set(as(bob)).expect(200);
      expect(mine.body.total).toBeGreaterThanOrEqual(1);
      const none = await createTestUser(t, { scopes: ['applications:read'] });
      const empty = await request(t.server).get(`${BASE}/stats`).set(as(none)).expect(200);
      expect(empty.body).toMatchObject({ total: 0, responseRate: null });
      await request(t.server).get(`${BASE}/stats?dateField=closedAt`).set(as(dave)).expect(400);
    });
  });

  describe('scopes and ownership', () => {
    let app: ApplicationBody;

    beforeAll(async () => {
      app = await create(alice, { company: 'Owned by Alice' });
      await transition(alice, app.id, { to: 'applied' }).expect(200);
    });

    const mutations = (id: string) =>
      [
        ['post', BASE, { company: 'X', role: 'Y' }],
        ['patch', `${BASE}/${id}`, { company: 'Renamed' }],
        ['delete', `${BASE}/${id}`, undefined],
        ['post', `${BASE}/${id}/transitions`, { to: 'screening' }],
        ['post', `${BASE}/${id}/reopen`, {}],
        ['post', `${BASE}/${id}/notes`, { text: 'hi' }],
      ] as const;
    const reads = (id: string) => [BASE, `${BASE}/stats`, `${BASE}/${id}`, `${BASE}/${id}/timeline`];

    function call(method: 'post' | 'patch' | 'delete' | 'get', path: string, who: TestUser, body?: object) {
      const req = request(t.server)[method](path).set(as(who));
      return body ? req.send(body) : req;
    }

    it('a key without applications:write gets 403 on every mutation; without read, 403 on reads', async () => {
      for (const [method, path, body] of mutations(app.id)) {
        const res = await call(method, path, reader, body);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(res.body).toMatchObject({
          code: 'insufficient_scope',
          requiredScopes: ['applications:write'],
        });
      }
      for (const path of reads(app.id)) {
        await call('get', path, reader).expect(
          path === `${BASE}/${app.id}` || path.endsWith('timeline') ? 404 : 200,
        );
        const res = await call('get', path, writerOnly);
        expect(res.status, path).toBe(403);
        expect(res.body.requiredScopes).toEqual(['applications:read']);
      }
    });

    it('another owner’s application is a 404 on read, update, delete, transition, reopen, note and timeline', async () => {
      for (const [method, path, body] of mutations(app.id).slice(1)) {
        const res = await call(method, path, bob, body);
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.body.code).toBe('application_not_found');
      }
      for (const path of [`${BASE}/${app.id}`, `${BASE}/${app.id}/timeline`]) {
        const res = await call('get', path, bob).expect(404);
        expect(res.body.code).toBe('application_not_found');
      }
      const list = await call('get', `${BASE}?limit=100`, bob).expect(200);
      expect(list.body.items.map((item: ApplicationBody) => item.id)).not.toContain(app.id);
      // Untouched by all of that.
      const after = await call('get', `${BASE}/${app.id}`, alice).expect(200);
      expect(after.body).toMatchObject({ company: 'Owned by Alice', status: 'applied' });
      expect(await timeline(alice, app.id)).toHaveLength(2);
    });

    it('audits transitions as application.transition on the application', async () => {
      await transition(alice, app.id, { to: 'screening' })
        .set('x-request-id', 'applications-e2e-audit')
        .expect(200);
      const deadline = Date.now() + 10_000;
      for (;;) {
        const res = await request(t.server)
          .get('/api/v1/users/me/audit-logs?limit=100')
          .set(as(alice))
          .expect(200);
        const entry = (res.body.items as { requestId: string }[]).find(
          (item) => item.requestId === 'applications-e2e-audit',
        );
        if (entry) {
          expect(entry).toMatchObject({
            action: 'application.transition',
            resource: { type: 'application', id: app.id },
            status: 200,
          });
          break;
        }
        expect(Date.now()).toBeLessThan(deadline);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
  });
});
