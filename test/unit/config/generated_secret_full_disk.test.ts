import { readdirSync } from 'node:fs';
import * as fs from 'node:fs';
import { describe, expect, it, jest } from '@jest/globals';

/**
 * A full disk, as the kernel answers it: creating a file still works (it takes an inode, not a
 * block), writing its first byte fails with ENOSPC. Writes to the generated secret's draft fail so,
 * by path (the file is created, then the write fails) or through an open file.
 */
const noSpace = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', syscall: 'write' });
jest.unstable_mockModule('node:fs', () => ({
  ...fs,
  writeFileSync: (file: fs.PathOrFileDescriptor, data: unknown, options?: { flag?: string; mode?: number }) => {
    if (typeof file === 'number') throw noSpace();
    if (String(file).endsWith('.new')) {
      fs.closeSync(fs.openSync(file, options?.flag ?? 'w', options?.mode));
      throw noSpace();
    }
    return fs.writeFileSync(file, data as string, options);
  },
}));
const { loadConfig } = await import('../../../src/config/index.js');
// Imported after the mock, as everything that loads the configuration's modules must be.
const { configErrorOf, tempDataDir } = await import('./config_support.js');

/**
 * A first start on a full disk used to stop with advice about permissions ("give this process write
 * access") and leave an empty master.key.<pid>.<random>.new in the data directory. It now says the
 * disk is full and what to do, and leaves the directory as it found it.
 */
describe('generating the secrets on a full disk', () => {
  it('stops naming the full disk and the remedy, and leaves no draft file behind', () => {
    const dataDir = tempDataDir();
    const error = configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: dataDir }));
    expect(error.message).toBe(
      `FITGATE_DATA_DIR: cannot keep the generated master.key in ${dataDir}: the disk is full; ` +
        `free space on the disk holding it (\`df -h ${dataDir}\` shows it), then start fitgate again`,
    );
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
