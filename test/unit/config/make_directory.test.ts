import { mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { makeDirectory, nearestExisting, UnusableDirectoryError } from '../../../src/config/make_directory.js';

/**
 * mkdir -p for the data directory, on a real file system. Its answer to a refused level (a
 * read-only mount) is tested where the start says it: data_dir_read_only.test.ts; a directory under
 * /proc, where Node's own mkdir -p never returned, in test/integration/server/data_dir_on_proc.test.ts.
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

  it('says that a symbolic link on the way leads nowhere, and where it leads (a volume not mounted)', () => {
    const link = join(parent, 'gone');
    const target = join(parent, 'removed', 'volume');
    symlinkSync(target, link);

    expect(() => makeDirectory(join(link, 'fitgate'), 0o700)).toThrow(
      new UnusableDirectoryError(
        join(link, 'fitgate'),
        `${link} is a symbolic link to ${target}, which does not exist (a volume that is not mounted, or a target removed or renamed); ` +
          `mount or create ${target}, or set FITGATE_DATA_DIR to a directory that exists`,
      ),
    );
    expect(() => makeDirectory(link, 0o700)).toThrow(`${link} is a symbolic link to ${target}, which does not exist`);
  });

  it('says which link leads in a loop', () => {
    const loop = join(parent, 'loop');
    symlinkSync(loop, loop);

    expect(() => makeDirectory(join(loop, 'fitgate'), 0o700)).toThrow(`${loop} is a symbolic link that leads back to itself (a loop of links); point ${loop} at a directory`);
  });

  it('names the level that is a file, not the data directory below it', () => {
    const file = join(parent, 'a-file');
    writeFileSync(file, '');

    expect(() => makeDirectory(join(file, 'fitgate', 'data'), 0o700)).toThrow(`${file} is not a directory; set FITGATE_DATA_DIR to a directory`);
    expect(() => makeDirectory(file, 0o700)).toThrow('it is not a directory; set FITGATE_DATA_DIR to a directory');
  });

  it('finds the directory a refused mkdir -p was refused in: the nearest that exists', () => {
    expect(nearestExisting(join(parent, 'a', 'b', 'c'))).toBe(parent);
    expect(nearestExisting(parent)).toBe(parent);
  });
});
