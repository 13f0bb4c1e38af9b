import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

/** OWASP's scrypt minimum: N=2^17, r=8, p=1 (128 MiB per hash). Tests may lower N; the hash records it. */
export const DEFAULT_COST_LOG2 = 17;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 64;

const maxmem = (n: number, r: number) => 128 * n * r * 2;

/** `scrypt$<log2 N>$<r>$<p>$<salt b64>$<hash b64>` */
export async function hashPassword(password: string, costLog2 = DEFAULT_COST_LOG2): Promise<string> {
  const salt = randomBytes(16);
  const n = 2 ** costLog2;
  const key = await scrypt(password, salt, KEY_LENGTH, {
    N: n,
    r: BLOCK_SIZE,
    p: PARALLELISM,
    maxmem: maxmem(n, BLOCK_SIZE),
  });
  return ['scrypt', costLog2, BLOCK_SIZE, PARALLELISM, salt.toString('base64'), key.toString('base64')].join(
    '$',
  );
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, log2, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !hash) return false;
  const n = 2 ** Number(log2);
  const expected = Buffer.from(hash, 'base64');
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: n,
    r: Number(r),
    p: Number(p),
    maxmem: maxmem(n, Number(r)),
  });
  return timingSafeEqual(key, expected);
}

const COMMON = new Set([
  'password123',
  'qwertyuiop',
  '1234567890',
  '0123456789',
  'password1234',
  'iloveyou123',
  'talentakademi',
  'adgangskode',
  'adgangskode1',
  'kodeord123',
  'qwerty1234',
  'abcdefghij',
  'letmein123',
  'welcome123',
]);

/** What is wrong with a password, or null. Length matters most (NIST 800-63B); a few obvious ones are refused. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < 10) return 'password must be at least 10 characters long';
  if (password.length > 200) return 'password must be at most 200 characters long';
  if (/^(.)\1+$/.test(password)) return 'password must not be one character repeated';
  if (COMMON.has(password.toLowerCase())) return 'password is too common; choose another';
  if (
    email &&
    password.toLowerCase().includes(email.toLowerCase().split('@')[0]) &&
    email.split('@')[0].length >= 4
  ) {
    return 'password must not contain your e-mail address';
  }
  return null;
}
