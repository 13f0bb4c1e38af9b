import { containsPattern, invitationState } from './invitation-state.js';

describe('invitationState', () => {
  const now = new Date('2031-02-01T12:00:00Z');
  it('is accepted once a password is set, whatever the links say', () => {
    expect(invitationState(true, null, now)).toBe('accepted');
    expect(invitationState(true, new Date('2031-02-02T00:00:00Z'), now)).toBe('accepted');
  });
  it('is pending while the newest link works and expired from its expiry on', () => {
    expect(invitationState(false, new Date('2031-02-01T12:00:01Z'), now)).toBe('pending');
    expect(invitationState(false, new Date('2031-02-01T12:00:00Z'), now)).toBe('expired');
  });
  it('is expired when no unused link is left (retention purges expired ones)', () => {
    expect(invitationState(false, null, now)).toBe('expired');
  });
});

describe('containsPattern', () => {
  it('wraps the text and escapes the wildcards', () => {
    expect(containsPattern('nielsen')).toBe('%nielsen%');
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
