import { hashPassword, passwordProblem, verifyPassword } from './password.js';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('korrekt hest batteri', 12);
    expect(hash).toMatch(/^scrypt\$12\$8\$1\$/);
    expect(hash).not.toContain('korrekt');
    await expect(verifyPassword('korrekt hest batteri', hash)).resolves.toBe(true);
    await expect(verifyPassword('korrekt hest batteri!', hash)).resolves.toBe(false);
  });

  it('salts: the same password hashes differently', async () => {
    expect(await hashPassword('samme kodeord', 10)).not.toBe(await hashPassword('samme kodeord', 10));
  });

  it('uses OWASP parameters by default', async () => {
    expect(await hashPassword('et langt kodeord')).toMatch(/^scrypt\$17\$8\$1\$/);
  });

  it.each([
    ['short', /at least 10/],
    ['aaaaaaaaaaaa', /repeated/],
    ['Password123', /too common/],
    ['maja.hansen-2009', /e-mail/],
  ])('refuses %s', (password, problem) => {
    expect(passwordProblem(password, 'maja.hansen@example.dk')).toMatch(problem);
  });

  it('accepts a long passphrase', () => {
    expect(passwordProblem('cello og kaffe om morgenen', 'maja@example.dk')).toBeNull();
  });
});
