import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';
import { DomainError, ErrorCode } from '../common/errors.js';
import { PUBLIC_KEY, ROLES_KEY, type AuthUser } from '../common/auth.js';
import { TOKEN_ALGORITHM, type AccessTokenClaims } from './access-token.js';
import { AccountsService } from './accounts.service.js';
import { ROLES, type Role } from './user.entity.js';

/** Verified tokens kept at most this long (and never past their `exp`), and at most this many. */
const VERIFIED_TOKEN_MS = 60_000;
const VERIFIED_TOKENS_MAX = 10_000;

/**
 * Global guard: every route needs a valid access token unless marked @Public(); @Roles() narrows it.
 * The algorithm is fixed on verify, so `alg: none` or an RS/HS confusion never passes. The token alone is not
 * believed: its user must exist, be active, have the token's role and token version (AccountsService.activeUser,
 * cached for a few seconds per process and invalidated across processes on every change).
 * A token whose signature was checked is remembered (by its exact text, up to a minute and never past its expiry):
 * the same bytes carry the same signature, so checking it again on a juror's next request only costs an HMAC and a
 * JSON parse. Only verified tokens are kept; whether their user is still active is asked on every request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly accounts: AccountsService,
  ) {}

  private readonly verified = new Map<string, { claims: AccessTokenClaims; until: number }>();

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<Request & { user?: AuthUser }>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets);
    const header = request.headers.authorization;

    if (isPublic) {
      // A public route still learns who is asking when a valid token comes along.
      if (header) request.user = await this.verify(header).catch(() => undefined);
      return true;
    }
    if (!header)
      throw new DomainError(ErrorCode.Unauthenticated, 'Sign in first: this needs an access token');
    request.user = await this.verify(header);

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(request.user.role)) {
      throw new DomainError(ErrorCode.Forbidden, `Only ${roles.join(' or ')} may do this`);
    }
    return true;
  }

  private async verify(header: string): Promise<AuthUser> {
    const [scheme, token] = header.split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) {
      throw new DomainError(
        ErrorCode.Unauthenticated,
        'Send the access token as "Authorization: Bearer <token>"',
      );
    }
    let claims: AccessTokenClaims;
    try {
      claims = await this.verifiedClaims(token);
    } catch {
      throw new DomainError(
        ErrorCode.Unauthenticated,
        'The access token is invalid or has expired; sign in again',
      );
    }
    if (typeof claims.sub !== 'string' || !ROLES.includes(claims.role) || !Number.isInteger(claims.ver)) {
      throw new DomainError(ErrorCode.Unauthenticated, 'The access token is invalid; sign in again');
    }
    const user = await this.accounts.activeUser(claims.sub, claims.role, claims.ver);
    if (!user) {
      throw new DomainError(
        ErrorCode.Unauthenticated,
        'This access token no longer stands for an active account with that role; sign in again',
      );
    }
    return user;
  }

  /** The token's claims: from the tokens verified lately, or checked now (throws when invalid or expired). */
  private async verifiedClaims(token: string): Promise<AccessTokenClaims> {
    const now = Date.now();
    const known = this.verified.get(token);
    if (known && known.until > now) return known.claims;
    const claims = await this.jwt.verifyAsync<AccessTokenClaims & { exp?: number }>(token, {
      algorithms: [TOKEN_ALGORITHM],
    });
    // jsonwebtoken refuses a token from the second of its `exp` on: keep it until just before that second.
    const expires = typeof claims.exp === 'number' ? claims.exp * 1000 : Infinity;
    this.verified.delete(token);
    this.verified.set(token, { claims, until: Math.min(now + VERIFIED_TOKEN_MS, expires) });
    if (this.verified.size > VERIFIED_TOKENS_MAX) this.verified.delete(this.verified.keys().next().value!);
    return claims;
  }
}
