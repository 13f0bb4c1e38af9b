import type { AuthUser, Role } from './auth.js';
import { DomainError, ErrorCode, notFound } from './errors.js';

/**
 * Object-level checks. Each throws rather than returns, so a handler can't forget to act on the answer.
 * Where even the existence of a thing must not leak (another applicant's application), the answer is 404.
 */
export const policy = {
  isStaff(user: AuthUser): boolean {
    return user.role === 'staff';
  },

  /** Staff, or the owner; anyone else is told the thing does not exist. */
  ownerOrStaff(user: AuthUser, ownerId: string, what: string, id: string): void {
    if (user.role !== 'staff' && user.id !== ownerId) throw notFound(what, id);
  },

  /** The owner only (not even staff: e.g. accepting one's own offer); anyone else: 404. */
  owner(user: AuthUser, ownerId: string, what: string, id: string): void {
    if (user.id !== ownerId) throw notFound(what, id);
  },

  /** Visible to the caller when `visible` holds; otherwise 404, so nothing about it leaks. */
  visibleOr404(visible: boolean, what: string, id: string): void {
    if (!visible) throw notFound(what, id);
  },

  /** The caller may know the thing exists but may not do this to it: 403. */
  allowedOr403(allowed: boolean, message: string): void {
    if (!allowed) throw new DomainError(ErrorCode.Forbidden, message);
  },

  hasRole(user: AuthUser, ...roles: Role[]): boolean {
    return roles.includes(user.role);
  },
};
