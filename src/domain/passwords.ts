import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Admin passwords, hashed with scrypt. The hash string carries its own parameters
 * ("scrypt$N$r$p$salt$hash", salt and hash base64url), so the cost can be raised later without
 * invalidating stored hashes: verify reads the parameters from the hash it is given.
 */

// N = 2^15, r = 8, p = 1: OWASP's recommended minimum for scrypt; ~32 MiB and ~50-100 ms per hash.
const COST = 2 ** 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Parameters read from a stored hash are bounded so a corrupt record cannot exhaust memory.
const MAX_COST = 2 ** 20;
const MAX_BLOCK_SIZE = 32;
const MAX_PARALLELISM = 16;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, { N: COST, r: BLOCK_SIZE, p: PARALLELISM });
  return ['scrypt', COST, BLOCK_SIZE, PARALLELISM, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** False for a wrong password and for anything that is not a well-formed scrypt hash. */
export async function verifyPassword(password: string, storedHash: string): Promise<boolean> {
  const parsed = parseHash(storedHash);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.key.length, parsed.options);
  return timingSafeEqual(key, parsed.key);
}

/** True when the hash was made with weaker parameters than today's: the dashboard's sign-in replaces it (rehash_password.ts). */
export function needsRehash(storedHash: string): boolean {
  const parsed = parseHash(storedHash);
  return !parsed || parsed.options.N < COST || parsed.options.r < BLOCK_SIZE || parsed.key.length < KEY_BYTES;
}

interface ParsedHash {
  options: { N: number; r: number; p: number };
  salt: Buffer;
  key: Buffer;
}

function parseHash(storedHash: string): ParsedHash | undefined {
  const [scheme, n, r, p, salt, key, ...rest] = storedHash.split('$');
  if (scheme !== 'scrypt' || rest.length > 0 || !salt || !key) return undefined;
  const options = { N: Number(n), r: Number(r), p: Number(p) };
  const powerOfTwo = Number.isInteger(options.N) && options.N > 1 && (options.N & (options.N - 1)) === 0;
  if (!powerOfTwo || options.N > MAX_COST) return undefined;
  if (!Number.isInteger(options.r) || options.r < 1 || options.r > MAX_BLOCK_SIZE) return undefined;
  if (!Number.isInteger(options.p) || options.p < 1 || options.p > MAX_PARALLELISM) return undefined;
  const keyBytes = Buffer.from(key, 'base64url');
  if (keyBytes.length < 16) return undefined;
  return { options, salt: Buffer.from(salt, 'base64url'), key: keyBytes };
}

function derive(password: string, salt: Buffer, length: number, options: ScryptOptions & { N: number; r: number; p: number }): Promise<Buffer> {
  // scrypt needs 128 * N * r bytes; Node's default ceiling (32 MiB) is exactly that for today's parameters.
  const maxmem = 256 * options.N * options.r;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, length, { ...options, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
