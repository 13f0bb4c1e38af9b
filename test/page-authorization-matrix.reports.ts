import type { World } from './helpers/world.js';
import { pageRoles, type PageCall, type PageEntry, type PageRole } from './page-authorization-roles.js';

/*
 * Issue 21's pages in the page authorisation matrix (spread into PAGE_MATRIX): the yearly figures and their
 * downloads are staff's alone (403 to every other role, a visitor signs in first); the background questions are
 * the applicant's own (another applicant 404, every other role 403).
 */

const draft = async (
  w: World,
  role: PageRole,
  fresh: boolean,
  form?: Record<string, string>,
): Promise<PageCall> => {
  const made =
    fresh && role === 'applicantOwner'
      ? await w.draft(true)
      : await w.shared('reports-pages:draft', () => w.draft(true));
  return { params: { id: made.id }, form, owner: made.owner };
};

export const reportPages = (): Record<string, PageEntry> => ({
  'GET /staff/reports': { expect: pageRoles({ staff: 200 }) },
  'GET /staff/reports/table.csv': { expect: pageRoles({ staff: 200 }) },
  'GET /staff/reports/workbook.xlsx': { expect: pageRoles({ staff: 200 }) },
  'GET /applications/:id/background': {
    expect: pageRoles({ applicantOwner: 200, otherApplicant: 404 }),
    request: (w, role) => draft(w, role, false),
  },
  'POST /applications/:id/background': {
    expect: pageRoles({ applicantOwner: 303, otherApplicant: 404 }),
    request: (w, role) =>
      draft(w, role, true, { gender: 'prefer-not', municipalityCode: '851', feederCourse: 'none' }),
  },
});
