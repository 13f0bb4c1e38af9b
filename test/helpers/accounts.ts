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

/** An adult applicant (no guardian needed) registered and signed in through the API. */
export async function registerApplicant(
  t: TestApp,
  overrides: Record<string, unknown> = {},
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
  return login(t, body.email as string, body.password as string);
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
