import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

/** What a person is to the academy; every route and object-level check is decided on it. */
export const ROLES = ['applicant', 'juror', 'teacher', 'staff'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is asking: the access token's subject and role, checked against the live user on every request (exists,
 * active, same role). Nothing else: a name or e-mail is read from accounts when a handler needs it.
 */
export interface AuthUser {
  id: string;
  role: Role;
}

export const PUBLIC_KEY = 'auth:public';
export const ROLES_KEY = 'auth:roles';

/** Anyone may call this, signed in or not. Everything else needs a valid access token. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only these roles may call this (403 for other roles, 401 without a token). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

export const CurrentUser = createParamDecorator(
  (_data: unknown, context: ExecutionContext): AuthUser =>
    context.switchToHttp().getRequest<Request & { user: AuthUser }>().user,
);
