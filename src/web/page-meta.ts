import type { Role } from '../common/auth.js';

/** Who may see a page: anyone, anyone signed in, or only these roles. */
export type PageAccess = 'anyone' | 'signed-in' | Role[];

export const PAGE_ACCESS_KEY = 'web:page-access';
