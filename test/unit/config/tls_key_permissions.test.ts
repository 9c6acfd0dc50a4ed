import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { tlsKeyPermissionWarning } from '../../../src/config/tls_key_permissions.js';
import { makeTestCertificate, type TestCertificate } from '../../support/compat/test_certificate.js';
import { tempDataDir } from './config_support.js';

/** The base64 body of a PEM, which no warning may contain. */
const bodyOf = (pem: string) => pem.split('\n').filter((line) => line && !line.startsWith('-----')).join('');

/**
 * A TLS private key file that the group or others may read (mode & 0o077) is warned about at start,
 * as OpenSSH warns about an identity file, naming the file and the chmod that fixes it; fitgate
 * still starts, since secret managers mount keys 0644 in containers of their own.
 */
describe('the permissions of FITGATE_TLS_KEY_FILE', () => {
  let dir: string;
  let certificate: TestCertificate;
  let certFile: string;
  /** The key written to a file of its own with `mode`. */
  const keyFileWith = (name: string, mode: number) => {
    const path = join(dir, name);
    writeFileSync(path, certificate.keyPem);
    // Set after the write: the mode writeFileSync asks for is narrowed by the umask.
    chmodSync(path, mode);
    return path;
  };
  const keyWarnings = (keyFile: string) =>
    loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_TLS_CERT_FILE: certFile, FITGATE_TLS_KEY_FILE: keyFile }).warnings.filter(
      (warning) => warning.variable === 'FITGATE_TLS_KEY_FILE',
    );

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fitgate-tls-key-mode-'));
    certificate = await makeTestCertificate();
    certFile = join(dir, 'localhost.pem');
    writeFileSync(certFile, certificate.certPem);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await certificate?.remove();
  });

  it('at 0644, start with a warning naming the file, its mode and chmod 600, and nothing of the key', () => {
    const keyFile = keyFileWith('open-key.pem', 0o644);
    const warnings = keyWarnings(keyFile);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toBe(
      `permissions 0644 for ${keyFile} (FITGATE_TLS_KEY_FILE) are too open: anyone on this host may read it, and whoever holds the TLS private key ` +
        `can pass for fitgate; make it readable by fitgate's user alone: chmod 600 ${keyFile}`,
    );
    expect(JSON.stringify(warnings)).not.toContain(bodyOf(certificate.keyPem));
  });

  it('at 0600, or 0400, start without one', () => {
    expect(keyWarnings(keyFileWith('own-key.pem', 0o600))).toEqual([]);
    expect(keyWarnings(keyFileWith('read-only-key.pem', 0o400))).toEqual([]);
  });

  it('at 0640, say it is the group that may read it', () => {
    expect(keyWarnings(keyFileWith('group-key.pem', 0o640))[0]?.message).toContain('are too open: its group may read it');
  });

  it('quote a path the shell would split in the command it gives', () => {
    const warning = tlsKeyPermissionWarning("/etc/fitgate/my key's.pem", 0o100644, 'linux');
    expect(warning?.message).toMatch(/chmod 600 '\/etc\/fitgate\/my key'\\''s\.pem'$/);
  });

  it('say nothing on Windows, whose files have no such bits', () => {
    expect(tlsKeyPermissionWarning('C:\\certs\\key.pem', 0o100666, 'win32')).toBeUndefined();
  });
});
