import { startApp, type TestApp } from './helpers/app.js';
import { moveClock, resetClock } from './helpers/catalogue.js';
import { World } from './helpers/world.js';

/** Least access in time (issue 15 item 5): a panel's dossiers and material, from placement until 30 days after results. */
describe('jurors’ access to dossiers and material in time', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await startApp();
    w = await new World(t).build();
  });
  afterAll(async () => {
    await resetClock(t);
    await t.close();
  });

  const material = (applicationId: string, materialId: string) =>
    t.http().get(`/api/applications/${applicationId}/materials/${materialId}`).set(w.jurorOnPanel.auth);
  const listed = async (auditionId: string) => {
    const res = await t.http().get('/api/jury/auditions').set(w.jurorOnPanel.auth).expect(200);
    return res.body.items.some((i: { id: string }) => i.id === auditionId);
  };

  it('a withdrawn application disappears from the panel at once: not listed, material 404', async () => {
    const a = await w.scheduled();
    await material(a.applicationId, a.materialId).expect(200);
    expect(await listed(a.auditionId)).toBe(true);
    await t.http().post(`/api/applications/${a.applicationId}/withdraw`).set(a.owner.auth).expect(200);
    await material(a.applicationId, a.materialId).expect(404);
    expect(await listed(a.auditionId)).toBe(false);
    // Staff keep their access.
    await t
      .http()
      .get(`/api/applications/${a.applicationId}/materials/${a.materialId}`)
      .set(w.staff.auth)
      .expect(200);
  });

  it('open until JUROR_ACCESS_DAYS_AFTER_RESULTS (30) days after the results are published, then 404', async () => {
    const a = await w.scheduled();
    await t.http().post(`/api/intakes/${w.mgk.id}/decision-proposal`).set(w.staff.auth).expect(200);
    const resultsAt = new Date(w.mgk.resultsAt as string);
    await moveClock(t, resultsAt.toISOString(), true);
    await t.http().post(`/api/intakes/${w.mgk.id}/publish-results`).set(w.staff.auth).expect(200);

    const day = 24 * 3600_000;
    await moveClock(t, new Date(resultsAt.getTime() + 30 * day - 60_000).toISOString(), true);
    await material(a.applicationId, a.materialId).expect(200);
    expect(await listed(a.auditionId)).toBe(true);

    await moveClock(t, new Date(resultsAt.getTime() + 30 * day + 60_000).toISOString(), true);
    const gone = await material(a.applicationId, a.materialId).expect(404);
    expect(gone.body.code).toBe('NOT_FOUND');
    expect(await listed(a.auditionId)).toBe(false);
    await t
      .http()
      .get(`/api/applications/${a.applicationId}/materials/${a.materialId}`)
      .set(w.staff.auth)
      .expect(200);
  });
});
