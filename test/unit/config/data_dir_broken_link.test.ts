import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { configErrorOf } from './config_support.js';

/**
 * FITGATE_DATA_DIR through a symbolic link whose target is missing, as when the volume it points at
 * is not mounted: the start line says so, instead of a bare ENOENT and advice about write access.
 */
describe('a data directory behind a symbolic link that leads nowhere', () => {
  const parent = mkdtempSync(join(tmpdir(), 'fitgate-broken-link-'));
  afterAll(() => rmSync(parent, { recursive: true, force: true }));
  const link = join(parent, 'volume');
  const target = join(parent, 'mnt', 'volume');
  symlinkSync(target, link);

  it.each([
    ['is the link', link],
    ['is below the link', join(link, 'data')],
  ])('names the link, its missing target and what to do when the data directory %s', (_, dataDir) => {
    const error = configErrorOf(() => loadConfig({ FITGATE_DATA_DIR: dataDir }));

    expect(error.message).toBe(
      `FITGATE_DATA_DIR: cannot keep the generated master.key in ${dataDir}: ${link} is a symbolic link to ${target}, which does not exist ` +
        `(a volume that is not mounted, or a target removed or renamed); mount or create ${target}, or set FITGATE_DATA_DIR to a directory that exists`,
    );
    expect(error.message).not.toMatch(/ENOENT|write access/);
  });
});
