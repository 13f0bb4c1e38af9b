import { uniqueEmail } from './helpers/accounts.js';
import { DataSource } from 'typeorm';
import type { World } from './helpers/world.js';
import { AccountsService } from '../src/accounts/accounts.service.js';
import { pageRoles, type PageCall, type PageEntry, type PageRole } from './page-authorization-roles.js';

/*
 * The staff desk's people pages in the page authorisation matrix (spread into PAGE_MATRIX): users, the
 * delivery log, students and erasure requests. Only staff see them: every other role gets 403, a visitor is
 * sent to sign in. A form action that changes something gets a fresh object for staff; the refused roles share
 * one (a refusal changes nothing).
 */

/** (Functions, not constants: the matrix imports this file, and pageRoles is ready only once it has run.) */
const staff = (status: number) => pageRoles({ staff: status });

/** A fresh object for staff, one shared object for everyone refused. */
function fresh<T>(w: World, role: PageRole, key: string, make: () => Promise<T>): Promise<T> {
  return role === 'staff' ? make() : w.shared(key, make);
}

/** A juror, teacher or staff member invited who has not chosen a password yet. */
const invitee = async (w: World) =>
  (
    await w.t.app
      .get(AccountsService)
      .invite(null, { email: uniqueEmail('invitee'), name: 'Ny Censor', role: 'juror' })
  ).user.id;

const deactivatedJuror = async (w: World) => {
  const juror = await w.juror();
  await w.t.http().patch(`/api/users/${juror.id}`).set(w.staff.auth).send({ active: false }).expect(200);
  return juror.id;
};

/** A fresh applicant (no application) who asked for erasure: the request's id. */
const erasureRequest = async (w: World) => {
  const person = await w.applicant();
  const res = await w.t.http().post('/api/me/erasure-request').set(person.auth).send({});
  if (res.status !== 202) throw new Error(`erasure request: ${res.status} ${res.text}`);
  return res.body.id as string;
};

/** A welcome e-mail whose delivery gave up (status failed, as the worker leaves it after its last attempt). */
const failedMessage = async (w: World) => {
  const person = await w.applicant();
  const [row] = (await w.t.app.get(DataSource).query(
    `UPDATE notifications SET status = 'failed', attempts = 5, last_error = 'connection refused'
      WHERE recipient_user_id = $1 AND type = 'welcome' RETURNING id`,
    [person.id],
  )) as [Array<{ id: string }>, number];
  return row[0].id;
};

const student = (w: World, year: 1 | 3 = 1) =>
  w.shared(`staff-people:student-${year}`, () => w.student(year));

export function staffPeoplePages(): Record<string, PageEntry> {
  return {
    'GET /staff/users': { expect: staff(200), request: () => ({ query: { role: 'juror', q: 'juror' } }) },
    'POST /staff/users': {
      expect: staff(303),
      request: () => ({ form: { email: uniqueEmail('invited'), name: 'Lars Nielsen', role: 'juror' } }),
    },
    'POST /staff/users/invitation': {
      expect: staff(303),
      request: async (w, role) => ({
        form: { userId: await fresh(w, role, 'staff-people:invitee', () => invitee(w)) },
      }),
    },
    'POST /staff/users/reactivate': {
      expect: staff(303),
      request: async (w, role) => ({
        form: { userId: await fresh(w, role, 'staff-people:deactivated', () => deactivatedJuror(w)) },
      }),
    },
    'GET /staff/users/:id/deactivate': {
      expect: staff(200),
      request: async (w) => ({ params: { id: w.jurorOffPanel.id } }),
    },
    'POST /staff/users/:id/deactivate': {
      expect: staff(303),
      request: async (w, role): Promise<PageCall> => ({
        params: { id: (await fresh(w, role, 'staff-people:juror', () => w.juror())).id },
      }),
    },

    'GET /staff/notifications': { expect: staff(200), request: () => ({ query: { status: 'failed' } }) },
    // A failed message (this app has no mail server to fail against: the row is marked failed as delivery would).
    'POST /staff/notifications/resend': {
      expect: staff(303),
      request: async (w, role) => ({
        form: { notificationId: await fresh(w, role, 'staff-people:failed', () => failedMessage(w)) },
      }),
    },

    'GET /staff/students': { expect: staff(200), request: (w) => ({ query: { cohort: String(w.year) } }) },
    'GET /staff/students/:id': {
      expect: staff(200),
      request: async (w) => ({ params: { id: (await student(w)).id } }),
    },
    'GET /staff/students/:id/annual-exam': {
      expect: staff(200),
      request: async (w) => ({ params: { id: (await student(w)).id } }),
    },
    'POST /staff/students/:id/annual-exam': {
      expect: staff(303),
      request: async (w, role) => ({
        params: { id: (await fresh(w, role, 'staff-people:exam', () => w.student(1))).id },
        form: { 'subjects[0].subject': 'hovedfag: cello', 'subjects[0].grade': '7', passed: 'true' },
      }),
    },
    'GET /staff/students/:id/final-exam': {
      expect: staff(200),
      request: async (w) => ({ params: { id: (await student(w, 3)).id } }),
    },
    'POST /staff/students/:id/final-exam': {
      expect: staff(303),
      request: async (w, role) => ({
        params: { id: (await fresh(w, role, 'staff-people:final', () => w.student(3))).id },
        form: { result: 'passed', grade: '10', examiner: 'Lars Nielsen' },
      }),
    },
    'GET /staff/students/:id/leave': {
      expect: staff(200),
      request: async (w) => ({ params: { id: (await student(w)).id } }),
    },
    'POST /staff/students/:id/leave': {
      expect: staff(303),
      request: async (w, role) => ({
        params: { id: (await fresh(w, role, 'staff-people:leave', () => w.student(1))).id },
        form: { leftOn: w.now.slice(0, 10), reason: 'Vil koncentrere sig om gymnasiet' },
      }),
    },
    'POST /staff/students/:id/outcome': {
      expect: staff(303),
      request: async (w, role) => ({
        params: { id: (await fresh(w, role, 'staff-people:done', () => w.completedStudent())).id },
        form: { kind: 'conservatory', institution: 'Det Jyske Musikkonservatorium' },
      }),
    },

    'GET /staff/erasure-requests': { expect: staff(200) },
    'GET /staff/erasure-requests/:id/carry-out': {
      expect: staff(200),
      request: async (w) => ({
        params: { id: await w.shared('staff-people:erasure', () => erasureRequest(w)) },
      }),
    },
    'POST /staff/erasure-requests/:id/carry-out': {
      expect: staff(303),
      request: async (w, role) => ({
        params: { id: await fresh(w, role, 'staff-people:erase', () => erasureRequest(w)) },
      }),
    },
    'GET /staff/erasure-requests/:id/refuse': {
      expect: staff(200),
      request: async (w) => ({
        params: { id: await w.shared('staff-people:erasure', () => erasureRequest(w)) },
      }),
    },
    'POST /staff/erasure-requests/:id/refuse': {
      expect: staff(303),
      request: async (w, role) => ({
        params: { id: await fresh(w, role, 'staff-people:refuse', () => erasureRequest(w)) },
        form: { reason: 'Oplysningerne opbevares efter musikskoleloven' },
      }),
    },
  };
}
