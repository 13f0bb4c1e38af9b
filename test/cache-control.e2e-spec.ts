import { startApp, type TestApp } from './helpers/app.js';
import { registerApplicant } from './helpers/accounts.js';
import { resetClock } from './helpers/catalogue.js';
import { draftApplication } from './helpers/materials.js';
import { PDF } from './helpers/files.js';

/** Issue 15 item 8: no response with personal data is kept by a browser, a proxy or a shared device. */
describe('Cache-Control: no-store', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(async () => {
    await resetClock(t);
    await t.close();
  });

  it('on personal data: the caller, an application, a material download, and errors', async () => {
    const person = await registerApplicant(t);
    const me = await t.http().get('/api/me').set(person.auth).expect(200);
    expect(me.headers['cache-control']).toBe('no-store');

    const draft = await draftApplication(t);
    const app = await t.http().get(`/api/applications/${draft.id}`).set(draft.owner.auth).expect(200);
    expect(app.headers['cache-control']).toBe('no-store');
    const upload = await t
      .http()
      .post(`/api/applications/${draft.id}/materials`)
      .set(draft.owner.auth)
      .field('kind', 'cv')
      .attach('file', PDF, 'cv.pdf')
      .expect(201);
    const download = await t
      .http()
      .get(`/api/applications/${draft.id}/materials/${upload.body.id}`)
      .set(draft.owner.auth)
      .expect(200);
    expect(download.headers['cache-control']).toBe('no-store');

    const denied = await t.http().get('/api/me').expect(401);
    expect(denied.headers['cache-control']).toBe('no-store');
  });

  it('but not on the public API description', async () => {
    const docs = await t.http().get('/api/docs-json').expect(200);
    expect(docs.headers['cache-control']).toBeUndefined();
  });
});
