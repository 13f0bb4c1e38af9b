import { DomainError } from './errors.js';
import { policy } from './policy.js';
import type { AuthUser } from './auth.js';

const applicant: AuthUser = { id: 'a1', role: 'applicant' };
const staff: AuthUser = { id: 's1', role: 'staff' };

describe('policy', () => {
  it('ownerOrStaff lets the owner and staff through and hides the thing from others (404)', () => {
    expect(() => policy.ownerOrStaff(applicant, 'a1', 'application', 'x')).not.toThrow();
    expect(() => policy.ownerOrStaff(staff, 'a1', 'application', 'x')).not.toThrow();
    try {
      policy.ownerOrStaff(applicant, 'a2', 'application', 'x');
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).status).toBe(404);
    }
  });

  it('allowedOr403 refuses with 403', () => {
    expect(() => policy.allowedOr403(false, 'no')).toThrow(expect.objectContaining({ status: 403 }));
  });
});
