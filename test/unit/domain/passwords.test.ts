import { describe, expect, it } from '@jest/globals';
import { hashPassword, needsRehash, verifyPassword } from '../../../src/domain/passwords.js';

describe('admin password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
  });

  it('stores scrypt with its parameters and a random salt, never the password', async () => {
    const [first, second] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('same password');
  });

  it('verifies with the parameters stored in the hash, so older costs keep working', async () => {
    // A hash made with N = 2^14, as an older release might have stored it.
    const { scryptSync } = await import('node:crypto');
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('old password', salt, 32, { N: 16384, r: 8, p: 1 });
    const old = `scrypt$16384$8$1$${salt.toString('base64url')}$${key.toString('base64url')}`;
    expect(await verifyPassword('old password', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword('new password'))).toBe(false);
  });

  it('treats a malformed or absurd hash as a failed verification, not a crash', async () => {
    for (const bad of ['', 'plain', 'bcrypt$2b$10$x', 'scrypt$3$8$1$c2FsdA$a2V5a2V5a2V5a2V5a2V5', 'scrypt$1073741824$8$1$c2FsdA$a2V5a2V5a2V5a2V5a2V5']) {
      expect(await verifyPassword('anything', bad)).toBe(false);
    }
  });

  it('treats canonically equivalent Unicode spellings of a password as the same password', async () => {
    const hash = await hashPassword('caf\u00e9 au lait');
    expect(await verifyPassword('cafe\u0301 au lait', hash)).toBe(true);
  });
});
