import { randomUUID } from 'node:crypto';
import { AccountsService } from '../../src/accounts/accounts.service.js';
import type { Role } from '../../src/accounts/user.entity.js';
import type { TestApp } from './app.js';

export const PASSWORD = 'cello og kaffe om morgenen';

export interface Person {
  id: string;
  email: string;
  name: string;
  role: Role;
  token: string;
  auth: { Authorization: string };
}

export const uniqueEmail = (what: string) => `${what}-${randomUUID().slice(0, 8)}@example.dk`;

/**
 * An adult applicant (no guardian needed) registered, with the e-mail address verified, and signed in through
 * the API. The verification link's token comes from AccountsService (as the e-mail would bring it) and goes to
 * the real endpoint; `verified: false` leaves the address unverified.
 */
export async function registerApplicant(
  t: TestApp,
  overrides: Record<string, unknown> = {},
  options: { verified?: boolean } = {},
): Promise<Person> {
  const body = {
    email: uniqueEmail('applicant'),
    password: PASSWORD,
    name: 'Maja Jensen',
    birthDate: '2005-05-17',
    ...overrides,
  };
  const res = await t.http().post('/api/auth/register').send(body);
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  if (options.verified !== false) await verifyEmail(t, res.body.id as string);
  return login(t, body.email as string, body.password as string);
}

/** Verifies a person's address through POST /api/auth/verify-email with a fresh link's token. */
export async function verifyEmail(t: TestApp, userId: string): Promise<void> {
  const { token } = await t.app.get(AccountsService).sendVerification(userId);
  const res = await t.http().post('/api/auth/verify-email').send({ token });
  if (res.status !== 200) throw new Error(`verify failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** A juror, teacher or staff member, invited by the system and signed in. */
export async function createPerson(
  t: TestApp,
  role: Exclude<Role, 'applicant'>,
  name = `Test ${role}`,
): Promise<Person> {
  const email = uniqueEmail(role);
  const issued = await t.app.get(AccountsService).invite(null, { email, name, role });
  const res = await t
    .http()
    .post('/api/auth/accept-invitation')
    .send({ token: issued.token, password: PASSWORD });
  if (res.status !== 200) throw new Error(`accept failed: ${res.status} ${JSON.stringify(res.body)}`);
  return login(t, email, PASSWORD);
}

export async function login(t: TestApp, email: string, password = PASSWORD): Promise<Person> {
  const res = await t.http().post('/api/auth/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const token = res.body.accessToken as string;
  return { ...res.body.user, token, auth: { Authorization: `Bearer ${token}` } };
}

/** What every registration e-mails (and verifyEmail above): left out by the sinks of specs counting other mail. */
export const ACCOUNT_MAILS = ['welcome', 'verify_email'];
