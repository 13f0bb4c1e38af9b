import { startApp, type TestApp } from './helpers/app.js';
import { resetClock } from './helpers/catalogue.js';
import { PDF } from './helpers/files.js';
import { draftApplication } from './helpers/materials.js';

/** A PDF padded to 700 bytes (the smallest byte quota accepted is 1 KiB). */
const CV = Buffer.concat([PDF, Buffer.alloc(700 - PDF.length, 0x20)]);
type Draft = { id: string; owner: { auth: { Authorization: string } } };

/** Upload quotas per application and download names from the detected type (issue 15 item 6). */
describe('upload quotas', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Small limits so a test reaches them: 3 materials, and room for two of the 700-byte CVs.
    t = await startApp({
      env: {
        UPLOAD_MAX_FILES_PER_APPLICATION: '3',
        UPLOAD_MAX_BYTES_PER_APPLICATION: String(2 * CV.length + 10),
      },
    });
  });
  afterAll(async () => {
    if (!t) return;
    await resetClock(t);
    await t.close();
  });

  const file = (t: TestApp, draft: Draft, name = 'cv.pdf') =>
    t
      .http()
      .post(`/api/applications/${draft.id}/materials`)
      .set(draft.owner.auth)
      .field('kind', 'cv')
      .attach('file', CV, name);
  const link = (t: TestApp, draft: Draft) =>
    t
      .http()
      .post(`/api/applications/${draft.id}/materials`)
      .set(draft.owner.auth)
      .field('kind', 'video')
      .field('url', 'https://youtu.be/dQw4w9WgXcQ');

  it('refuses a file that would take the application past its total bytes (409 naming the limit), keeping nothing', async () => {
    const draft = await draftApplication(t);
    await file(t, draft).expect(201);
    await file(t, draft).expect(201);
    const refused = await file(t, draft).expect(409);
    expect(refused.body.code).toBe('QUOTA_EXCEEDED');
    expect(refused.body.message).toMatch(/more than .* in all/);
    expect(refused.body.details).toEqual([expect.objectContaining({ field: 'file' })]);
    const rows = await t.http().get(`/api/applications/${draft.id}`).set(draft.owner.auth).expect(200);
    expect(rows.body.materials).toHaveLength(2);
  });

  it('refuses more materials than the count allows; deleting one makes room', async () => {
    const draft = await draftApplication(t);
    for (let i = 0; i < 3; i++) await link(t, draft).expect(201);
    const refused = await link(t, draft).expect(409);
    expect(refused.body.message).toMatch(/already holds 3 materials, the most allowed \(3\)/);
    const app = await t.http().get(`/api/applications/${draft.id}`).set(draft.owner.auth).expect(200);
    await t
      .http()
      .delete(`/api/applications/${draft.id}/materials/${app.body.materials[0].id}`)
      .set(draft.owner.auth)
      .expect(204);
    await file(t, draft).expect(201);
  });

  it('the download is named by the detected type, not the uploaded name', async () => {
    const draft = await draftApplication(t);
    const uploaded = await file(t, draft, 'cv.html').expect(201);
    const res = await t
      .http()
      .get(`/api/applications/${draft.id}/materials/${uploaded.body.id}`)
      .set(draft.owner.auth)
      .expect(200);
    expect(res.headers['content-disposition']).toBe('inline; filename="cv.pdf"');
    expect(res.headers['content-type']).toBe('application/pdf');
  });
});
