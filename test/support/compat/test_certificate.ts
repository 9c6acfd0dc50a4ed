import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A throw-away self-signed certificate for localhost and 127.0.0.1, made at test time with the
 * openssl CLI (node:crypto makes keys but not X.509 certificates) in a temporary directory, so no
 * key is ever committed. It is its own CA: trust it with `NODE_EXTRA_CA_CERTS=${caFile}` in a child
 * process, or `ca: certPem` on an https request in this one.
 */
export interface TestCertificate {
  readonly keyPem: string;
  readonly certPem: string;
  /** Path of the certificate file, for NODE_EXTRA_CA_CERTS. */
  readonly caFile: string;
  /** Deletes the key and certificate files. */
  remove(): Promise<void>;
}

export async function makeTestCertificate(): Promise<TestCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'fitgate-tls-'));
  const keyFile = join(dir, 'key.pem');
  const caFile = join(dir, 'cert.pem');
  await run('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyFile, '-out', caFile, '-days', '1', '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
  const [keyPem, certPem] = await Promise.all([readFile(keyFile, 'utf8'), readFile(caFile, 'utf8')]);
  return { keyPem, certPem, caFile, remove: () => rm(dir, { recursive: true, force: true }) };
}
