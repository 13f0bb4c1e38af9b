import type { Env } from '../src/config/env.js';

export interface DemoAccount {
  role: string;
  email: string;
  password: string;
}

/** Demo accounts and data; idempotent, so the demo can be started again on the same database. */
export async function seedDemo(_env: Env): Promise<DemoAccount[]> {
  return [];
}
