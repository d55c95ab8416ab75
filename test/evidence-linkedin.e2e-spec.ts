/** `POST /api/v1/evidence/linkedin`: a LinkedIn data export uploaded as multipart/form-data. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, type TestUser, createTestUser, startTestApp } from '@app/testing';

import {
  fullExportZip,
  reorderedExportZip,
} from '../libs/evidence/src/linkedin/testing/linkedin-export.fixture';
import { deflateZeros, writeZip } from '../libs/evidence/src/linkedin/testing/zip-writer';

describe('LinkedIn export import', () => {
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    user = await createTestUser(t, { scopes: ['generate'] });
  });
  afterAll(() => t.close());

  const upload = (zip: Buffer, field = 'archive') =>
    request(t.server)
      .post('/api/v1/evidence/linkedin')
      .set('x-api-key', user.key)
      .attach(field, zip, { filename: 'export.zip', contentType: 'application/zip' });

  it('reads an export with every file, citing file and line for each record', async () => {
    const res = await upload(fullExportZip()).expect(200);
    expect(res.body.files.missing).toEqual([]);
    expect(res.body.positions.length).toBeGreaterThan(0);
    expect(res.body.positions[0]).toMatchObject({
      ref: 'linkedin_position:1',
      source: { file: 'Positions.csv', line: 2 },
    });
    expect(res.body.skills.length).toBeGreaterThan(0);
  });

  it('tolerates missing files and reordered, renamed columns', async () => {
    const res = await upload(reorderedExportZip()).expect(200);
    expect(res.body.files.missing).toEqual(expect.arrayContaining(['Profile.csv', 'Projects.csv']));
    expect(res.body.positions[0]).toMatchObject({
      title: 'Staff Engineer',
      company: 'Analytical Engines Ltd',
    });
    expect(res.body.skills.map((s: { name: string }) => s.name)).toEqual(['Go', 'Rust']);
  });

  it('refuses a path-traversal entry and a zip bomb, naming the problem', async () => {
    const traversal = await upload(writeZip([{ name: '../../etc/passwd', data: 'root:x:0:0' }])).expect(422);
    expect(traversal.body).toMatchObject({ code: 'linkedin_archive_unsafe_entry' });
    expect(traversal.body.errors[0].field).toContain('../../etc/passwd');

    const bomb = writeZip([
      {
        name: 'Positions.csv',
        deflated: await deflateZeros(100 * 1024 * 1024),
        declaredUncompressedSize: 1000,
      },
    ]);
    const res = await upload(bomb);
    expect([413, 422]).toContain(res.status);
    expect(res.body.code).toMatch(/^linkedin_archive_/);
  });

  it('uploads are not tracked for idempotency: their content cannot be fingerprinted before the route', async () => {
    const send = (zip: Buffer) => upload(zip).set('idempotency-key', 'same-key-for-two-files');
    const full = await send(fullExportZip()).expect(200);
    const partial = await send(reorderedExportZip()).expect(200);
    expect(partial.headers['idempotent-replayed']).toBeUndefined();
    expect(partial.body.files.missing.length).toBeGreaterThan(full.body.files.missing.length);
  });

  it('refuses what is not a ZIP, and what is not a multipart upload', async () => {
    const notZip = await upload(Buffer.from('PK? not really')).expect(422);
    expect(notZip.body.code).toBe('linkedin_archive_invalid');
    const json = await request(t.server)
      .post('/api/v1/evidence/linkedin')
      .set('x-api-key', user.key)
      .send({ archive: 'x' })
      .expect(415);
    expect(json.body.detail).toContain('multipart/form-data');
    const wrongField = await upload(fullExportZip(), 'file').expect(400);
    expect(wrongField.body.errors[0].field).toBe('archive');
  });
});
