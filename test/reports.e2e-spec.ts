import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { seedPastYear, type PastApplicant, type Reached } from '../scripts/figures-seed.js';
import { createPerson, registerApplicant, type Person } from './helpers/accounts.js';
import { startApp, type TestApp } from './helpers/app.js';
import { pageClient } from './helpers/pages.js';

/**
 * The yearly figures (issue 21) on years seeded with known counts: every figure of the funnel, of each breakdown
 * and of the years, every suppression (primary and secondary), the CSV and the workbook, and the staff page.
 * The expected tables are written out by hand (worked out apart from the code), not computed by the code's rule.
 */

type Cell = number | '<5' | null;
type Row = [string, ...Cell[]];
const STAGES = [
  'applied',
  'submitted',
  'auditioned',
  'passed',
  'offered',
  'accepted',
  'enrolled',
  'completedYear1',
  'completedYear2',
  'completedYear3',
  'conservatory',
  'otherDestination',
  'admissionRate',
  'acceptanceRate',
] as const;
const rowOf = (key: string, item: Record<string, unknown>): Row => [
  key,
  ...STAGES.map((s) => item[s] as Cell),
];

type Gender = NonNullable<PastApplicant['background']>['gender'];
type Feeder = NonNullable<PastApplicant['background']>['feederCourse'];
/** TGK's year: how far, gender, municipality, feeder course, age on 1 August (null: no birth date), destination. */
const TGK: Array<
  [Reached, Gender | null, string | null, Feeder | null, number | null, ('conservatory' | 'other')?]
> = [
  ['applied', 'woman', '851', 'talent-class', 16],
  ['applied', 'man', '851', 'none', 17],
  ['submitted', 'woman', '851', 'talent-class', 15],
  ['submitted', 'woman', '813', 'none', 18],
  ['submitted', null, null, null, 16],
  ['auditioned', 'woman', '851', 'talent-class', 17],
  ['auditioned', 'man', '751', 'other-course', 19],
  ['auditioned', 'woman', '101', 'none', 20],
  ['auditioned', 'man', '851', 'prefer-not', 16],
  ['auditioned', 'self-described', 'prefer-not', 'talent-class', 18],
  ['passed', 'woman', '851', 'talent-class', 17],
  ['passed', 'prefer-not', '851', 'none', 22],
  ['offered', 'woman', '813', 'talent-class', 18],
  ['year3', 'woman', '851', 'talent-class', 19, 'conservatory'],
  ['year3', 'man', '851', 'talent-class', 18, 'conservatory'],
  ['year3', 'woman', '751', 'other-course', 17, 'conservatory'],
  ['year3', 'woman', '851', 'talent-class', 18, 'conservatory'],
  ['year3', 'man', '851', 'none', 16, 'other'],
  ['year3', 'woman', '813', 'talent-class', 21, 'other'],
  ['year3', 'man', '851', 'talent-class', null, 'other'],
];

/** Municipalities: the most applicants first (Aalborg 12, Frederikshavn 3), ties by name (Aarhus, København). */
const EXPECTED_BREAKDOWNS: Record<string, Row[]> = {
  gender: [
    ['woman', 11, 10, 8, 6, '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', null, null],
    ['man', 6, 5, 5, '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', null, null],
    ['self-described', '<5', '<5', '<5', 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null],
    ['prefer-not', '<5', '<5', '<5', '<5', 0, 0, 0, 0, 0, 0, 0, 0, null, null],
    ['unanswered', '<5', '<5', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null],
    ['total', 20, 18, 15, 10, 8, 7, 7, 7, 7, 7, '<5', '<5', 44.4, 87.5],
  ],
  region: [
    ['Region Nordjylland', 15, 13, 11, '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', null, null],
    ['Region Midtjylland', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', 0, null, null],
    ['Region Syddanmark', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null],
    ['Region Hovedstaden', '<5', '<5', '<5', 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null],
    ['Region Sjælland', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null],
    ['prefer-not', '<5', '<5', '<5', 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null],
    ['unanswered', '<5', '<5', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null],
    ['total', 20, 18, 15, 10, 8, 7, 7, 7, 7, 7, '<5', '<5', 44.4, 87.5],
  ],
  municipality: [
    ['851', 12, 10, 9, 7, 5, 5, 5, 5, 5, 5, '<5', '<5', 50, 100],
    ['813', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', 0, '<5', null, null],
    ['751', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', 0, null, null],
    ['101', '<5', '<5', '<5', 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null],
    ['prefer-not', '<5', '<5', '<5', 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null],
    ['unanswered', '<5', '<5', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null],
    ['total', 20, 18, 15, 10, 8, 7, 7, 7, 7, 7, '<5', '<5', 44.4, 87.5],
  ],
  age: [
    ['under-14', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null],
    ['14-15', '<5', '<5', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null],
    ['16-17', 8, 6, 5, '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', null, null],
    ['18-19', 7, 7, 6, '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', 0, null, null],
    ['20-25', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', 0, '<5', null, null],
    ['over-25', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null],
    ['unknown', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', 0, '<5', null, null],
    ['total', 20, 18, 15, 10, 8, 7, 7, 7, 7, 7, '<5', '<5', 44.4, 87.5],
  ],
  feeder: [
    ['talent-class', 11, 10, 9, 7, 6, 5, 5, 5, 5, 5, '<5', '<5', 60, 83.3],
    ['other-course', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', 0, null, null],
    ['none', 5, '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', '<5', 0, '<5', null, null],
    ['prefer-not', '<5', '<5', '<5', 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null],
    ['unanswered', '<5', '<5', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null],
    ['total', 20, 18, 15, 10, 8, 7, 7, 7, 7, 7, '<5', '<5', 44.4, 87.5],
  ],
};

describe('yearly figures', () => {
  let t: TestApp;
  let staff: Person;
  let juror: Person;
  const year = 2500 + Math.floor(Math.random() * 400);

  beforeAll(async () => {
    t = await startApp();
    staff = await createPerson(t, 'staff');
    juror = await createPerson(t, 'juror');
    const ds = t.app.get(DataSource);
    const tag = `figures-${year}-${Math.random().toString(36).slice(2, 8)}`;
    await seedPastYear(ds, {
      programme: 'TGK',
      year,
      tag: `${tag}-tgk`,
      seats: { theatre: 8 },
      applicants: TGK.map(([reached, gender, municipalityCode, feederCourse, age, destination]) => ({
        track: 'theatre',
        mainSubject: 'skuespil',
        birthDate: age === null ? null : `${year - age}-03-01`,
        reached,
        destination,
        background:
          gender || municipalityCode || feederCourse
            ? {
                gender: gender ?? undefined,
                municipalityCode: municipalityCode ?? undefined,
                feederCourse: feederCourse ?? undefined,
                school: 'Skolen i byen',
              }
            : undefined,
      })),
    });
    const mgk = (track: string, reached: Reached, n: number): PastApplicant[] =>
      Array.from({ length: n }, () => ({
        track,
        mainSubject: 'klaver',
        birthDate: `${year - 17}-05-05`,
        reached,
      }));
    await seedPastYear(ds, {
      programme: 'MGK',
      year,
      tag: `${tag}-mgk`,
      seats: { classical: 6, rhythmic: 3, production: 2 },
      applicants: [
        ...mgk('classical', 'enrolled', 6),
        ...mgk('classical', 'passed', 2),
        ...mgk('classical', 'auditioned', 2),
        ...mgk('classical', 'applied', 2),
        ...mgk('rhythmic', 'enrolled', 3),
        ...mgk('production', 'offered', 1),
        ...mgk('production', 'submitted', 5),
      ],
    });
    // The year before: six applied to TGK, four of them submitted.
    await seedPastYear(ds, {
      programme: 'TGK',
      year: year - 1,
      tag: `${tag}-tgk-before`,
      seats: { theatre: 8 },
      applicants: [
        ...Array.from({ length: 4 }, (): PastApplicant => ({
          track: 'theatre',
          mainSubject: 'skuespil',
          birthDate: `${year - 18}-01-01`,
          reached: 'submitted',
        })),
        ...Array.from({ length: 2 }, (): PastApplicant => ({
          track: 'theatre',
          mainSubject: 'skuespil',
          birthDate: `${year - 18}-01-01`,
          reached: 'applied',
        })),
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await t.close();
  });

  const get = (path: string, query: Record<string, unknown>, who: Person = staff) =>
    t.http().get(path).query(query).set(who.auth);

  it('counts TGK’s funnel, hiding the two destinations under 5', async () => {
    const res = await get('/api/reports/funnel', { year, programme: 'TGK' }).expect(200);
    expect(res.body.year).toBe(year);
    expect(res.body.items.map((i: Record<string, unknown>) => rowOf(String(i.track), i))).toEqual([
      ['theatre', 20, 18, 15, 10, 8, 7, 7, 7, 7, 7, '<5', '<5', 44.4, 87.5],
      ['null', 20, 18, 15, 10, 8, 7, 7, 7, 7, 7, '<5', '<5', 44.4, 87.5],
    ]);
  });

  it('hides a second track when the programme’s total would give a small one away (MGK)', async () => {
    const res = await get('/api/reports/funnel', { year, programme: 'MGK' }).expect(200);
    expect(res.body.items.map((i: Record<string, unknown>) => rowOf(String(i.track), i))).toEqual([
      // applied 12 / 3 / 6 = 21: the 3 is hidden, and the 6 with it (21 − 12 would give 9 − 6 = 3 back).
      ['classical', 12, 10, 10, 8, 6, '<5', '<5', 0, 0, 0, 0, 0, 60, null],
      ['rhythmic', '<5', '<5', '<5', '<5', '<5', '<5', '<5', 0, 0, 0, 0, 0, null, null],
      ['production', '<5', '<5', '<5', '<5', '<5', 0, 0, 0, 0, 0, 0, 0, null, null],
      ['null', 21, 19, 14, 12, 10, 9, 9, 0, 0, 0, 0, 0, 52.6, 90],
    ]);
  });

  it('breaks TGK down by gender, region, municipality, age and feeder course, each suppressed as a table', async () => {
    for (const by of ['gender', 'region', 'municipality', 'age', 'feeder']) {
      const res = await get('/api/reports/breakdown', { year, programme: 'TGK', by }).expect(200);
      expect({
        by,
        rows: res.body.items.map((i: Record<string, unknown>) => rowOf(String(i.group), i)),
      }).toEqual({
        by,
        rows: EXPECTED_BREAKDOWNS[by],
      });
    }
  });

  it('gives TGK year over year for the five years up to the one asked', async () => {
    const res = await get('/api/reports/years', { year, programme: 'TGK' }).expect(200);
    expect(res.body.years).toEqual([year - 4, year - 3, year - 2, year - 1, year]);
    expect(res.body.items.map((i: Record<string, unknown>) => rowOf(String(i.year), i))).toEqual([
      [String(year - 4), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null],
      [String(year - 3), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null],
      [String(year - 2), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null],
      [String(year - 1), 6, '<5', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null],
      [String(year), 20, 18, 15, 10, 8, 7, 7, 7, 7, 7, '<5', '<5', 44.4, 87.5],
    ]);
  });

  it('exports each table as CSV for a Danish Excel and the year as a workbook with a sheet per table', async () => {
    const csv = await get('/api/reports/table.csv', { year, programme: 'TGK', table: 'gender' })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      })
      .expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const text = csv.body as string;
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^Køn;Ansøgt;Indsendt;Til optagelsesprøve;Bestået;/);
    expect(lines[1]).toBe('Kvinde;11;10;8;6;<5;<5;<5;<5;<5;<5;<5;<5;;');
    expect(lines[6]).toBe('I alt;20;18;15;10;8;7;7;7;7;7;<5;<5;44,4;87,5');

    const xlsx = await get('/api/reports/workbook.xlsx', { year, programme: 'TGK' })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Uint8Array.from(xlsx.body as Buffer).buffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      `Tragt ${year}`,
      `År for år ${year - 4}–${year}`,
      `Køn ${year}`,
      `Region ${year}`,
      `Kommune ${year}`,
      `Alder ${year}`,
      `Talentklasse mv. ${year}`,
    ]);
    const municipality = workbook.getWorksheet(`Kommune ${year}`)!;
    expect(municipality.getRow(2).values).toEqual([
      undefined,
      'Aalborg',
      12,
      10,
      9,
      7,
      5,
      5,
      5,
      5,
      5,
      5,
      '<5',
      '<5',
      50,
      100,
    ]);
    expect(workbook.getWorksheet(`Tragt ${year}`)!.getRow(2).getCell(13).value).toBe('<5');
  });

  it('refuses other roles and says what to fix in a bad query', async () => {
    const applicant = await registerApplicant(t);
    await get('/api/reports/funnel', { year }, juror).expect(403);
    await get('/api/reports/breakdown', { year }, applicant).expect(403);
    const bad = await get('/api/reports/breakdown', { year, by: 'shoe-size' }).expect(400);
    expect(bad.body.message).toMatch(/by must be one of gender, region, municipality, age, feeder/);
    await get('/api/reports/funnel', { year: 'last' }).expect(400);
    await get('/api/reports/table.csv', { year, table: 'everything' }).expect(400);
    await get('/api/reports/funnel', { year, programme: 'XYZ' }).expect(400);
  });

  it('shows staff the page with the charts and tables, and other roles 403', async () => {
    const browser = await pageClient(t, staff);
    const page = await browser.agent.get('/staff/reports').query({ year, programme: 'TGK' }).expect(200);
    expect(page.text).toContain(`<h1>Tal for året ${year} · TGK</h1>`);
    expect(page.text).toContain('<svg role="img" aria-labelledby="chart-funnel-title"');
    expect(page.text).toContain(`<title id="chart-gender-title">Køn ${year}</title>`);
    expect(page.text).toContain(
      '<th scope="row">Kvinde</th><td>11</td><td>10</td><td>8</td><td>6</td><td>&lt;5</td>',
    );
    expect(page.text).toContain('<td>44,4 %</td>');
    expect(page.text).toContain(`/staff/reports/workbook.xlsx?year=${year}&amp;programme=TGK`);
    const csv = await browser.agent
      .get('/staff/reports/table.csv')
      .query({ year, programme: 'MGK', table: 'funnel' })
      .expect(200);
    expect(csv.text).toContain('MGK;Rytmisk;<5;<5;<5;<5;<5;<5;<5;0;0;0;0;0;;');
    const other = await pageClient(t, juror);
    await other.agent.get('/staff/reports').expect(403);
  });
});
