import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import yauzl from 'yauzl';
import { PERSONAL_DATA_REGISTER, NOT_PERSONAL } from '../src/privacy/personal-data-register.js';
import { RetentionService, type RetentionReport } from '../src/privacy/retention.service.js';
import { PRIVACY_NOTICE_VERSION } from '../src/common/privacy-notice.js';
import { createPerson, login, PASSWORD, registerApplicant, type Person } from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';
import { createIntake, moveClock, resetClock, type IntakeBody } from './helpers/catalogue.js';
import { PDF } from './helpers/files.js';
import { pageClient } from './helpers/pages.js';

/** The zip as entries: name → bytes. */
function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const out = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error('no stream'));
          const parts: Buffer[] = [];
          stream.on('data', (p: Buffer) => parts.push(p));
          stream.on('end', () => {
            out.set(entry.fileName, Buffer.concat(parts));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

const binary = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const parts: Buffer[] = [];
  res.on('data', (p: Buffer) => parts.push(p));
  res.on('end', () => done(null, Buffer.concat(parts)));
};

/** A year no other spec uses (they start at 2031), so the sweeps here find only this file's intakes due. */
const YEAR = 2001 + Math.floor(Math.random() * 20);

describe('personal data: register, access, erasure, retention', () => {
  let t: TestApp;
  let db: DataSource;
  let staff: Person;
  let intake: IntakeBody;
  let roundId: string;
  const people: Record<'admitted' | 'rejected' | 'erased', { person: Person; applicationId: string }> =
    {} as never;
  let rankingBefore: unknown;

  /** One sweep of this process (waiting while another worker holds the lock), like the worker's own tick. */
  async function sweep(): Promise<RetentionReport> {
    for (;;) {
      const report = await t.app.get(RetentionService).sweep();
      if (report) return report;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  const figures = async () => {
    const ranking = await t.http().get(`/api/rounds/${roundId}/ranking`).set(staff.auth).expect(200);
    const decisions = await t.http().get(`/api/intakes/${intake.id}/decisions`).set(staff.auth).expect(200);
    // Names are personal data and go; every id, number, rank and outcome stays.
    const withoutNames = (value: unknown): unknown =>
      JSON.parse(JSON.stringify(value, (key, v: unknown) => (/name$/i.test(key) ? undefined : v)));
    return { ranking: withoutNames(ranking.body), decisions: withoutNames(decisions.body) };
  };

  beforeAll(async () => {
    t = await startApp({ env: { RETENTION_SWEEP: '1' } });
    db = t.app.get(DataSource);
    staff = await createPerson(t, 'staff');
    intake = await createIntake(t, staff, 'BGK', YEAR, { seats: { 'visual-art': 1 } });
    await moveClock(t, `${YEAR}-01-20T12:00:00+01:00`);
    const jurors = [
      await createPerson(t, 'juror', 'Karen Censor'),
      await createPerson(t, 'juror', 'Ole Censor'),
      await createPerson(t, 'juror', 'Inge Censor'),
    ];
    const make = async (key: keyof typeof people, overrides: Record<string, unknown>) => {
      const person = await registerApplicant(t, overrides);
      const draft = await t
        .http()
        .post('/api/applications')
        .set(person.auth)
        .send({
          intakeId: intake.id,
          track: 'visual-art',
          mainSubject: 'maleri',
          motivation: `Jeg hedder ${person.name} og maler hver dag.`,
        })
        .expect(201);
      await t
        .http()
        .post(`/api/applications/${draft.body.id}/materials`)
        .set(person.auth)
        .field('kind', 'portfolio')
        .attach('file', PDF, `${person.name} portfolio.pdf`)
        .expect(201);
      await t.http().post(`/api/applications/${draft.body.id}/submit`).set(person.auth).expect(200);
      people[key] = { person, applicationId: draft.body.id };
    };
    await make('admitted', { name: 'Alma Optaget', birthDate: `${YEAR - 19}-03-01` });
    // A minor: her guardian's name, e-mail and phone are personal data too.
    await make('rejected', {
      name: 'Rikke Afvist',
      birthDate: `${YEAR - 15}-03-01`,
      guardian: {
        name: 'Hanne Afvist',
        email: `hanne-${YEAR}-${Date.now()}@example.dk`,
        phone: '+45 20 30 40 50',
      },
      privacyNoticeVersion: PRIVACY_NOTICE_VERSION,
    });
    await make('erased', { name: 'Emil Slet', birthDate: `${YEAR - 20}-03-01` });

    const round = await t
      .http()
      .post(`/api/intakes/${intake.id}/rounds`)
      .set(staff.auth)
      .send({ track: 'visual-art', kind: 'prescreen', order: 1, name: 'Mappebedømmelse' })
      .expect(201);
    roundId = round.body.id;
    await t
      .http()
      .post(`/api/rounds/${roundId}/panels`)
      .set(staff.auth)
      .send({
        name: 'Panel P',
        members: [
          { userId: jurors[0].id, role: 'chair' },
          { userId: jurors[1].id, role: 'subject_examiner' },
          { userId: jurors[2].id, role: 'external_examiner' },
        ],
      })
      .expect(201);
    await t.http().post(`/api/rounds/${roundId}/schedule`).set(staff.auth).expect(200);
    const auditions = (await db.query(`SELECT id, application_id FROM auditions WHERE round_id = $1`, [
      roundId,
    ])) as { id: string; application_id: string }[];
    const rubric = (
      await t.http().get(`/api/intakes/${intake.id}/rubrics/visual-art`).set(staff.auth).expect(200)
    ).body.criteria as Array<{ key: string; min: number; max: number }>;
    const grades = { admitted: 12, rejected: 4, erased: 2 } as const;
    for (const [key, { applicationId }] of Object.entries(people) as [
      keyof typeof people,
      { applicationId: string },
    ][]) {
      const auditionId = auditions.find((a) => a.application_id === applicationId)!.id;
      // The external examiner taught two of them: recused, with a reason that names them.
      if (key !== 'admitted') {
        await t
          .http()
          .post(`/api/auditions/${auditionId}/conflicts`)
          .set(jurors[2].auth)
          .send({ kind: 'teacher', reason: `Jeg har undervist ${people[key].person.name}.` })
          .expect(201);
      }
      for (const juror of key === 'admitted' ? jurors : jurors.slice(0, 2)) {
        await t
          .http()
          .put(`/api/auditions/${auditionId}/scores/mine`)
          .set(juror.auth)
          .send({
            criteria: Object.fromEntries(rubric.map((c) => [c.key, key === 'admitted' ? c.max : c.min + 1])),
            grade: grades[key],
            comment: `${people[key].person.name} har et godt øje for farver.`,
          })
          .expect(200);
      }
      await t
        .http()
        .post(`/api/auditions/${auditionId}/result`)
        .set(staff.auth)
        .send({
          grade: grades[key],
          passed: key === 'admitted',
          note: `Panelet talte med ${people[key].person.name}.`,
        })
        .expect(200);
    }
    await t.http().post(`/api/intakes/${intake.id}/decision-proposal`).set(staff.auth).expect(200);
    rankingBefore = (await figures()).ranking;
  });

  afterAll(async () => {
    await resetClock(t);
    await t.close();
  });

  it('registers every table of the live schema that holds or refers to a person', async () => {
    const columns = (await db.query(
      `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
        WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'`,
    )) as { table_name: string; column_name: string; data_type: string }[];
    const personal = (c: { column_name: string; data_type: string }) =>
      /(^|_)(user|applicant|student|juror|supervisor|recipient|actor|application|enrolment|audition|decided|recorded|published|completed)(_id|_by)$/.test(
        c.column_name,
      ) ||
      /(^|_)(email|name|phone|address|reason|note|comment|motivation|description|goal|title|filename)$/.test(
        c.column_name,
      ) ||
      c.data_type === 'text' ||
      c.data_type === 'jsonb' ||
      c.data_type === 'bytea';
    const missing = [
      ...new Set(
        columns
          .filter(personal)
          .filter(
            (c) =>
              !PERSONAL_DATA_REGISTER.some((e) => e.table === c.table_name) && !NOT_PERSONAL[c.table_name],
          )
          .map((c) => `${c.table_name}.${c.column_name}`),
      ),
    ];
    expect(missing).toEqual([]);
    // Within a registered table, every column that looks personal is described (and so has an erasure rule).
    const undescribed = columns
      .filter(personal)
      .filter((c) => {
        const entry = PERSONAL_DATA_REGISTER.find((e) => e.table === c.table_name);
        return entry && !entry.columns[c.column_name] && !['id', 'created_at'].includes(c.column_name);
      })
      .map((c) => `${c.table_name}.${c.column_name}`);
    expect(undescribed).toEqual([]);
    // And the register names no table or column that does not exist.
    for (const entry of PERSONAL_DATA_REGISTER) {
      for (const column of Object.keys(entry.columns)) {
        expect(columns.some((c) => c.table_name === entry.table && c.column_name === column)).toBe(true);
      }
    }
  });

  it('records the privacy notice shown at registration, with its version and time', async () => {
    const rows = (await db.query(`SELECT kind, version FROM consents WHERE user_id = $1 ORDER BY kind`, [
      people.rejected.person.id,
    ])) as { kind: string; version: string }[];
    expect(rows).toEqual([
      { kind: 'guardian-notice', version: PRIVACY_NOTICE_VERSION },
      { kind: 'privacy-notice', version: PRIVACY_NOTICE_VERSION },
    ]);
    const stale = await t
      .http()
      .post('/api/auth/register')
      .send({
        email: `x-${Date.now()}@example.dk`,
        password: PASSWORD,
        name: 'X',
        birthDate: `${YEAR - 30}-01-01`,
        privacyNoticeVersion: '1999-01-01',
      })
      .expect(409);
    expect(stale.body.message).toMatch(/privacy notice has changed/);
    for (const lang of ['da', 'en']) {
      const notice = await t.http().get('/api/privacy-notice').query({ lang }).expect(200);
      expect(notice.body.version).toBe(PRIVACY_NOTICE_VERSION);
      expect(notice.body.paragraphs.join(' ')).toMatch(lang === 'da' ? /3 måneder/ : /3 months/);
    }
  });

  it('exports every row the register lists for the person, and their files', async () => {
    const { person } = people.rejected;
    const res = await t
      .http()
      .get('/api/me/export')
      .set(person.auth)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const entries = await unzip(res.body as Buffer);

    // The register's own rules, run independently here: every row of every listed table is in the zip.
    const applicationIds = (
      await db.query(`SELECT id FROM applications WHERE applicant_id = $1`, [person.id])
    ).map((r: { id: string }) => r.id);
    const auditionIds = (
      await db.query(`SELECT id FROM auditions WHERE application_id = ANY($1)`, [applicationIds])
    ).map((r: { id: string }) => r.id);
    const recordIds: string[] = [];
    for (const entry of PERSONAL_DATA_REGISTER.filter(
      (e) => !e.export.files && e.table !== 'audit_records',
    )) {
      const expected = (await db.query(
        `WITH s AS (SELECT $1::uuid AS user_id, $2::uuid[] AS application_ids, $3::uuid[] AS audition_ids, $4::text[] AS record_ids)
         SELECT t.* FROM "${entry.table}" t, s WHERE ${entry.rowsOf}`,
        [person.id, applicationIds, auditionIds, []],
      )) as Record<string, unknown>[];
      const file = entries.get(`${entry.table}.json`);
      expect(file).toBeDefined();
      const exported = JSON.parse(file!.toString()) as Record<string, unknown>[];
      expect(exported).toHaveLength(expected.length);
      for (const row of expected) {
        if (typeof row.id === 'string') recordIds.push(row.id);
        expect(
          exported.some(
            (e) =>
              JSON.stringify(e) === JSON.stringify(e) &&
              (e.id ?? e.audition_id) === (row.id ?? row.audition_id),
          ),
        ).toBe(true);
      }
      for (const secret of entry.export.omit ?? []) expect(exported.every((e) => !(secret in e))).toBe(true);
    }
    expect(JSON.parse(entries.get('users.json')!.toString())[0]).toMatchObject({
      name: 'Rikke Afvist',
      guardian_name: 'Hanne Afvist',
    });
    expect(JSON.parse(entries.get('scores.json')!.toString())).toHaveLength(2);
    expect(JSON.parse(entries.get('conflicts.json')!.toString())[0].reason).toMatch(/Rikke Afvist/);
    expect(JSON.parse(entries.get('audit_records.json')!.toString()).length).toBeGreaterThan(0);
    const files = [...entries.keys()].filter((k) => k.startsWith('files/'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/Rikke Afvist portfolio\.pdf$/);
    expect(entries.get(files[0])!.equals(PDF)).toBe(true);

    // Staff produce the same for a person, audited; another applicant cannot.
    await t.http().get(`/api/users/${person.id}/export`).set(people.admitted.person.auth).expect(403);
    const byStaff = await t
      .http()
      .get(`/api/users/${person.id}/export`)
      .set(staff.auth)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect([...(await unzip(byStaff.body as Buffer)).keys()]).toEqual([...entries.keys()]);
    const audit = await t
      .http()
      .get('/api/audit')
      .query({ entity: 'user', entityId: person.id })
      .set(staff.auth);
    expect(audit.body.items.map((i: { action: string }) => i.action)).toContain('personal-data.exported');
  });

  it('erases on request: names, contacts, free text and files go; ranking and decisions stay', async () => {
    const { person, applicationId } = people.erased;
    const asked = await t
      .http()
      .post('/api/me/erasure-request')
      .set(person.auth)
      .send({ reason: 'Jeg vil ikke være i jeres system' })
      .expect(202);
    expect(asked.body).toMatchObject({ status: 'requested', userId: person.id });
    // Asking again answers the open request.
    const again = await t.http().post('/api/me/erasure-request').set(person.auth).send({}).expect(202);
    expect(again.body.id).toBe(asked.body.id);
    const list = await t
      .http()
      .get('/api/erasure-requests')
      .query({ status: 'requested' })
      .set(staff.auth)
      .expect(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(asked.body.id);
    await t.http().get('/api/erasure-requests').set(person.auth).expect(403);

    // While the application is still being decided, it waits.
    const early = await t
      .http()
      .post(`/api/erasure-requests/${asked.body.id}/carry-out`)
      .set(staff.auth)
      .expect(409);
    expect(early.body.message).toMatch(/still being decided/);

    // Results day: Alma admitted (and accepts), the others not.
    await moveClock(t, intake.resultsAt as string);
    await t.http().post(`/api/intakes/${intake.id}/publish-results`).set(staff.auth).expect(200);
    const offers = await t.http().get(`/api/intakes/${intake.id}/offers`).set(staff.auth).expect(200);
    const offer = (offers.body as Array<{ id: string; applicationId: string }>).find(
      (o) => o.applicationId === people.admitted.applicationId,
    )!;
    await t.http().post(`/api/offers/${offer.id}/accept`).set(people.admitted.person.auth).expect(200);
    const before = await figures();
    expect(before.ranking).toEqual(rankingBefore);

    const done = await t
      .http()
      .post(`/api/erasure-requests/${asked.body.id}/carry-out`)
      .set(staff.auth)
      .expect(200);
    expect(done.body).toMatchObject({ status: 'carried_out', name: '[erased]' });
    expect(done.body.reason).toBeUndefined();
    // Carrying out again answers the same.
    await t.http().post(`/api/erasure-requests/${asked.body.id}/carry-out`).set(staff.auth).expect(200);

    const [user] = await db.query(`SELECT * FROM users WHERE id = $1`, [person.id]);
    expect(user).toMatchObject({ name: '[erased]', password_hash: null, guardian_email: null });
    expect(user.email).toMatch(/@erased\.invalid$/);
    expect(user.erased_at).not.toBeNull();
    await t.http().post('/api/auth/login').send({ email: person.email, password: PASSWORD }).expect(401);
    await t.http().get('/api/me').set(person.auth).expect(401);
    const [application] = await db.query(`SELECT * FROM applications WHERE id = $1`, [applicationId]);
    expect(application).toMatchObject({ motivation: '', status: 'rejected', main_subject: 'maleri' });
    expect(await db.query(`SELECT 1 FROM materials WHERE application_id = $1`, [applicationId])).toHaveLength(
      0,
    );
    expect(
      await db.query(
        `SELECT 1 FROM material_chunks c WHERE NOT EXISTS (SELECT 1 FROM materials m WHERE m.id = c.material_id)`,
      ),
    ).toHaveLength(0);
    const scores = await db.query(
      `SELECT s.grade, s.comment FROM scores s JOIN auditions a ON a.id = s.audition_id WHERE a.application_id = $1`,
      [applicationId],
    );
    expect(scores).toEqual([
      { grade: 2, comment: null },
      { grade: 2, comment: null },
    ]);
    // Nothing that names Emil is left anywhere: not in the audit trail, the outbox or any other table.
    for (const entry of PERSONAL_DATA_REGISTER.filter((e) => !e.export.files)) {
      const hits = await db.query(`SELECT 1 FROM "${entry.table}" t WHERE t::text ILIKE '%Emil Slet%'`);
      expect({ table: entry.table, hits: hits.length }).toEqual({ table: entry.table, hits: 0 });
    }
    expect(
      await db.query(`SELECT 1 FROM audit_records WHERE after::text ILIKE '%Emil%' OR reason ILIKE '%Emil%'`),
    ).toHaveLength(0);

    // Past figures and rankings are unchanged.
    expect(await figures()).toEqual(before);

    // The audit trail stays append-only for everything else, even inside an erasure's exception.
    await expect(db.query(`UPDATE audit_records SET reason = 'x' WHERE entity = 'user'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`SELECT set_config('academy.erasing', 'on', true)`);
        await tx.query(`UPDATE audit_records SET action = 'forged' WHERE entity = 'user'`);
      }),
    ).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_records WHERE entity = 'user'`)).rejects.toThrow(/append-only/);
  });

  it("refuses to erase an enrolled student's records, and staff refuse with the legal reason", async () => {
    const { person } = people.admitted;
    const asked = await t.http().post('/api/me/erasure-request').set(person.auth).send({}).expect(202);
    const blocked = await t
      .http()
      .post(`/api/erasure-requests/${asked.body.id}/carry-out`)
      .set(staff.auth)
      .expect(409);
    expect(blocked.body.message).toMatch(/enrolled/);
    await t.http().post(`/api/erasure-requests/${asked.body.id}/refuse`).set(staff.auth).send({}).expect(400);
    const refused = await t
      .http()
      .post(`/api/erasure-requests/${asked.body.id}/refuse`)
      .set(staff.auth)
      .send({ reason: 'Elevens oplysninger opbevares efter musikskoleloven' })
      .expect(200);
    expect(refused.body).toMatchObject({
      status: 'refused',
      refusalReason: 'Elevens oplysninger opbevares efter musikskoleloven',
    });
    await t.http().post(`/api/erasure-requests/${asked.body.id}/carry-out`).set(staff.auth).expect(409);
    // The person is told why, once (refusing again with the same reason is the same answer).
    await t
      .http()
      .post(`/api/erasure-requests/${asked.body.id}/refuse`)
      .set(staff.auth)
      .send({ reason: 'Elevens oplysninger opbevares efter musikskoleloven' })
      .expect(200);
    const told = await db.query(
      `SELECT data FROM notifications WHERE type = 'erasure_refused' AND recipient_user_id = $1`,
      [person.id],
    );
    expect(told).toEqual([
      { data: { name: 'Alma Optaget', reason: 'Elevens oplysninger opbevares efter musikskoleloven' } },
    ]);
  });

  it('deletes the material of applicants not admitted, then their names, by the clock; the student’s stay', async () => {
    const rejected = people.rejected;
    const admitted = people.admitted;
    const resultsAt = new Date(intake.resultsAt as string);
    const at = (months: number, days: number) => {
      const d = new Date(resultsAt);
      d.setUTCMonth(d.getUTCMonth() + months);
      d.setUTCDate(d.getUTCDate() + days);
      return d.toISOString();
    };
    const materialsOf = async (applicationId: string) =>
      (await db.query(`SELECT id FROM materials WHERE application_id = $1`, [applicationId])).length;
    const nameOf = async (id: string) =>
      (await db.query(`SELECT name FROM users WHERE id = $1`, [id]))[0].name;

    // A day before the material's time: nothing of theirs goes.
    await moveClock(t, at(3, -1));
    await sweep();
    expect(await materialsOf(rejected.applicationId)).toBe(1);

    // Three months after the results date: the files go (rows and bytes), the name stays.
    await moveClock(t, at(3, 1));
    await Promise.all([sweep(), sweep()]);
    expect(await materialsOf(rejected.applicationId)).toBe(0);
    expect(await materialsOf(admitted.applicationId)).toBe(1);
    expect(await nameOf(rejected.person.id)).toBe('Rikke Afvist');
    // The worker's own sweep (the clock moved) and two more at once delete the one file once between them, as
    // their reports in the audit trail say; another sweep finds nothing left.
    expect((await sweep()).materialsDeleted).toBe(0);
    const reports = await t
      .http()
      .get('/api/audit')
      .query({ entity: 'retention', entityId: at(3, 1).slice(0, 10) })
      .set(staff.auth)
      .expect(200);
    const deleted = reports.body.items.map((i: { after: RetentionReport }) => i.after.materialsDeleted);
    expect(deleted.reduce((a: number, b: number) => a + b, 0)).toBe(1);

    // A year after: the rejected applicant is anonymised, guardian and outbox too; the student is not.
    await moveClock(t, at(12, 1));
    await sweep();
    const [user] = await db.query(`SELECT * FROM users WHERE id = $1`, [rejected.person.id]);
    expect(user).toMatchObject({
      name: '[erased]',
      guardian_name: null,
      guardian_email: null,
      guardian_phone: null,
    });
    expect(await nameOf(admitted.person.id)).toBe('Alma Optaget');
    expect(await materialsOf(admitted.applicationId)).toBe(1);
    expect(
      await db.query(
        `SELECT 1 FROM notifications WHERE recipient_user_id = $1 AND (to_address <> '' OR data <> '{}')`,
        [rejected.person.id],
      ),
    ).toHaveLength(0);
    expect(await db.query(`SELECT 1 FROM conflicts WHERE reason ILIKE '%Rikke%'`)).toHaveLength(0);
    // Expired invitation links are purged.
    expect(await db.query(`SELECT 1 FROM invitations WHERE expires_at < $1`, [at(12, 1)])).toHaveLength(0);
    // Staff see what the sweeps removed.
    const audit = await t.http().get('/api/audit').query({ entity: 'retention' }).set(staff.auth).expect(200);
    const removed = audit.body.items.map((i: { after: RetentionReport }) => i.after);
    expect(removed.some((r: RetentionReport) => r.applicantsAnonymised >= 1)).toBe(true);
    expect(removed.some((r: RetentionReport) => r.materialsDeleted >= 1)).toBe(true);

    // The year's figures and ranking are the same as before anyone was erased.
    expect((await figures()).ranking).toEqual(rankingBefore);
    // The student can still sign in and export their data.
    const alma = await login(t, admitted.person.email);
    await t.http().get('/api/me/export').set(alma.auth).expect(200);
  });

  it('erases files from the disk too, when material lives there (the storage port’s disk driver)', async () => {
    const disk = await startApp({
      env: { STORAGE_DRIVER: 'disk', RETENTION_SWEEP: '0' },
      role: { http: true, worker: false },
    });
    try {
      const later = await createIntake(disk, staff, 'BGK', YEAR + 2);
      await moveClock(disk, `${YEAR + 2}-01-20T12:00:00+01:00`);
      const person = await registerApplicant(disk, { name: 'Dina Disk', birthDate: `${YEAR - 18}-03-01` });
      const draft = await disk
        .http()
        .post('/api/applications')
        .set(person.auth)
        .send({ intakeId: later.id, track: 'visual-art', mainSubject: 'tegning', motivation: 'Jeg tegner.' })
        .expect(201);
      const material = await disk
        .http()
        .post(`/api/applications/${draft.body.id}/materials`)
        .set(person.auth)
        .field('kind', 'portfolio')
        .attach('file', PDF, 'mappe.pdf')
        .expect(201);
      const file = join(disk.env.UPLOAD_DIR, material.body.id as string);
      expect(existsSync(file)).toBe(true);
      const asked = await disk.http().post('/api/me/erasure-request').set(person.auth).send({}).expect(202);
      await disk.http().post(`/api/erasure-requests/${asked.body.id}/carry-out`).set(staff.auth).expect(200);
      expect(existsSync(file)).toBe(false);
      expect(await db.query(`SELECT 1 FROM materials WHERE id = $1`, [material.body.id])).toHaveLength(0);
    } finally {
      await disk.close();
    }
  });

  it('/me offers the download and the request for erasure, as pages', async () => {
    const dora = await registerApplicant(t, { name: 'Dora Web', birthDate: `${YEAR - 20}-03-01` });
    const client = await pageClient(t, dora);
    const me = await client.agent.get('/me').expect(200);
    expect(me.text).toContain('href="/me/export"');
    expect(me.text).toContain('href="/me/erasure"');
    const zip = await client.agent
      .get('/me/export')
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    const entries = await unzip(zip.body as Buffer);
    expect(JSON.parse(entries.get('users.json')!.toString())[0]).toMatchObject({
      id: dora.id,
      name: 'Dora Web',
    });
    const confirm = await client.agent.get('/me/erasure').expect(200);
    expect(confirm.text).toContain('Bed om at få dine data slettet');
    const posted = await client.post('/me/erasure', { reason: 'Farvel' });
    expect(posted.status).toBe(303);
    expect(posted.headers.location).toBe('/me/erasure?done=requested');
    expect(
      await db.query(`SELECT status, reason FROM erasure_requests WHERE user_id = $1`, [dora.id]),
    ).toEqual([{ status: 'requested', reason: 'Farvel' }]);
    const tooLong = await client.post('/me/erasure', { reason: 'x'.repeat(2001) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain('Skriv højst 2000 tegn');
  });
});
