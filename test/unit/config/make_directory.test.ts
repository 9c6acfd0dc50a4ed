import { mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { makeDirectory, nearestExisting } from '../../../src/config/make_directory.js';

/**
 * mkdir -p for the data directory, on a real file system. Its answer to Node's ENOENT for a refused
 * level (a read-only mount) is tested where the start says it: data_dir_read_only.test.ts.
 */
describe('making the data directory', () => {
  const parent = mkdtempSync(join(tmpdir(), 'fitgate-make-directory-'));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('makes every missing level with the mode asked for, and leaves one that exists alone', () => {
    const dataDir = join(parent, 'srv', 'fitgate');
    makeDirectory(dataDir, 0o700);
    makeDirectory(dataDir, 0o700);

    expect(statSync(dataDir).isDirectory()).toBe(true);
    expect(statSync(dataDir).mode & 0o077).toBe(0);
    expect(statSync(join(parent, 'srv')).mode & 0o077).toBe(0);
  });

  it('still says ENOENT for a path that truly leads nowhere (through a dangling link)', () => {
    const link = join(parent, 'gone');
    symlinkSync(join(parent, 'removed', 'volume'), link);

    expect(() => makeDirectory(join(link, 'fitgate'), 0o700)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });

  it('finds the directory a refused mkdir -p was refused in: the nearest that exists', () => {
    expect(nearestExisting(join(parent, 'a', 'b', 'c'))).toBe(parent);
    expect(nearestExisting(parent)).toBe(parent);
  });
});
