import type { InvitationState } from './dto/accounts.dto.js';

/**
 * Where an invited person stands: once they have set a password they sign in (accepted); before that, the newest
 * unused link either still works (pending) or has run out, or was purged by retention (expired: invite again).
 */
export function invitationState(
  passwordSet: boolean,
  newestLinkExpiresAt: Date | null,
  now: Date,
): InvitationState {
  if (passwordSet) return 'accepted';
  return newestLinkExpiresAt && newestLinkExpiresAt > now ? 'pending' : 'expired';
}

/** `%`, `_` and `\` typed into a search box are searched for as themselves in an ILIKE pattern. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
