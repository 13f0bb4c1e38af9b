import { registerApplicant, type Person } from './accounts.js';
import type { TestApp } from './app.js';
import { PDF } from './files.js';

/**
 * The one fixture for "apply and submit": a complete application of a track through the API, drafted by its
 * applicant (registered here unless given) and, with `applyAndSubmit`, submitted. What a track needs to be
 * complete is filled in: two pieces of repertoire on classical and rhythmic, the two works and the CV uploaded
 * on production. Anything in `body` replaces the defaults (main subject, motivation, repertoire, unavailable…).
 */
export interface ApplyOptions {
  intakeId: string;
  /** Default 'classical'. */
  track?: 'classical' | 'rhythmic' | 'production';
  /** The applicant; without one a new adult applicant is registered with `register` as overrides. */
  person?: Person;
  register?: Record<string, unknown>;
  /** Fields of POST /api/applications beside (or instead of) the track's defaults. */
  body?: Record<string, unknown>;
  /** Production: upload its works and CV (default true, which is what makes it complete). */
  materials?: boolean;
}

export interface Applied {
  id: string;
  person: Person;
  /** The first uploaded material (production). */
  materialId?: string;
}

const MAIN_SUBJECT = { classical: 'cello', rhythmic: 'trommer', production: 'sangskrivning' } as const;

/** A complete application body of the track (repertoire on the music tracks; production needs uploads). */
export function applicationBody(
  intakeId: string,
  track: NonNullable<ApplyOptions['track']> = 'classical',
  body: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    intakeId,
    track,
    mainSubject: MAIN_SUBJECT[track],
    motivation: 'Musik er mit liv.',
    ...(track === 'production'
      ? {}
      : {
          repertoire: [
            { title: 'Suite nr. 1, Prélude', composer: 'J.S. Bach', durationMinutes: 3 },
            { title: 'Élégie', composer: 'G. Fauré', durationMinutes: 6 },
          ],
        }),
    ...body,
  };
}

/** A draft application (201), complete for its track; production's works and CV are uploaded too. */
export async function apply(t: TestApp, options: ApplyOptions): Promise<Applied> {
  const track = options.track ?? 'classical';
  const person = options.person ?? (await registerApplicant(t, options.register));
  const draft = await t
    .http()
    .post('/api/applications')
    .set(person.auth)
    .send(applicationBody(options.intakeId, track, options.body))
    .expect(201);
  const id = draft.body.id as string;
  let materialId: string | undefined;
  if (track === 'production' && options.materials !== false) {
    for (const [kind, name] of [
      ['work', 'nummer-1.pdf'],
      ['work', 'nummer-2.pdf'],
      ['cv', 'cv.pdf'],
    ]) {
      const upload = await t
        .http()
        .post(`/api/applications/${id}/materials`)
        .set(person.auth)
        .field('kind', kind)
        .attach('file', PDF, name)
        .expect(201);
      materialId ??= upload.body.id as string;
    }
  }
  return { id, person, materialId };
}

/** Submits an application as its applicant (200). */
export async function submit(t: TestApp, applied: Pick<Applied, 'id' | 'person'>): Promise<void> {
  await t.http().post(`/api/applications/${applied.id}/submit`).set(applied.person.auth).expect(200);
}

/** A complete application drafted and submitted by its applicant. */
export async function applyAndSubmit(t: TestApp, options: ApplyOptions): Promise<Applied> {
  const applied = await apply(t, options);
  await submit(t, applied);
  return applied;
}
