import type { Role } from '../common/auth.js';

export const TOKEN_ALGORITHM = 'HS256';

/**
 * All an access token carries: who, as what, and the user's token version when it was issued (revocation). No
 * e-mail or name: a JWT's payload is only base64, and many of its subjects are minors.
 */
export interface AccessTokenClaims {
  sub: string;
  role: Role;
  ver: number;
}
