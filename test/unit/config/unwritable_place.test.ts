import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { unwritablePlace, type Ownership } from '../../../src/config/unwritable_place.js';

/**
 * The start's words for a data directory this process cannot write: a read-only file system and a
 * permission are fixed differently (no chmod helps the first), so each says its own cause, the path
 * at fault and what to do; neither reads as a directory that does not exist.
 */
describe('why the data directory cannot be written', () => {
  const parent = mkdtempSync(join(tmpdir(), 'fitgate-unwritable-'));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));
  const rootsDirectory = (): Ownership => ({ uid: 1000, owner: { uid: 0, mode: 0o40555 } });

  it('EROFS: names the path, says the file system is read-only, and to mount it read-write or move FITGATE_DATA_DIR', () => {
    expect(unwritablePlace('EROFS', parent)).toBe(
      `${parent} is on a read-only file system; mount it read-write (fitgate writes its database there: ` +
        'a volume mounted :ro or a read-only root file system will not do), or set FITGATE_DATA_DIR to a directory on a writable one',
    );
  });

  it('EROFS for a directory still to be made: names it and the existing directory above it that refused', () => {
    const dataDir = join(parent, 'srv', 'fitgate');
    expect(unwritablePlace('EROFS', dataDir)).toMatch(new RegExp(`^${dataDir} cannot be created: ${parent} is on a read-only file system; mount it read-write `));
  });

  it('EACCES: names the path, who this process is and who owns it, and to give that user access', () => {
    expect(unwritablePlace('EACCES', parent, rootsDirectory)).toBe(
      `${parent} is not writable by this process (this process runs as uid 1000; ${parent} belongs to uid 0, mode 0555); ` +
        'give uid 1000 write access to it (chown or chmod), or run fitgate as its owner, or set FITGATE_DATA_DIR to a directory uid 1000 may write',
    );
  });

  it('EACCES for a directory still to be made: says to make it for this user', () => {
    const dataDir = join(parent, 'fitgate');
    expect(unwritablePlace('EACCES', dataDir, rootsDirectory)).toBe(
      `${dataDir} cannot be created: ${parent} is not writable by this process (this process runs as uid 1000; ${parent} belongs to uid 0, mode 0555); ` +
        `create ${dataDir} for uid 1000 (mkdir -m 700 ${dataDir}, then chown 1000 ${dataDir}), or set FITGATE_DATA_DIR to a directory uid 1000 may write`,
    );
  });

  it('EPERM reads as a permission too, and without the owner when it cannot be looked at', () => {
    expect(unwritablePlace('EPERM', parent, () => ({ uid: 1000 }))).toBe(
      `${parent} is not writable by this process (this process runs as uid 1000); ` +
        'give uid 1000 write access to it (chown or chmod), or run fitgate as its owner, or set FITGATE_DATA_DIR to a directory uid 1000 may write',
    );
  });

  it('has no words of its own for other causes (a full disk, a missing path): the caller says those', () => {
    expect(unwritablePlace('ENOSPC', parent)).toBeUndefined();
    expect(unwritablePlace('ENOENT', parent)).toBeUndefined();
    expect(unwritablePlace(undefined, parent)).toBeUndefined();
  });
});
