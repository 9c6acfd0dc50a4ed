import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../../src/config/index.js';
import { makeTestCertificate, type TestCertificate } from '../../support/compat/test_certificate.js';
import { configErrorOf, productionSettings, tempDataDir } from './config_support.js';

/** The base64 body of a PEM, which no message or printed configuration may contain. */
const bodyOf = (pem: string) => pem.split('\n').filter((line) => line && !line.startsWith('-----')).join('');

/**
 * FITGATE_TLS_CERT_FILE and FITGATE_TLS_KEY_FILE: both or neither, read and checked at start, so
 * that a wrong file stops the start with one line instead of failing every TLS handshake.
 */
describe('FITGATE_TLS_CERT_FILE and FITGATE_TLS_KEY_FILE', () => {
  let dir: string;
  let certificate: TestCertificate;
  let other: TestCertificate;
  let certFile: string;
  let keyFile: string;
  /** Writes `text` to a file of the test directory and returns its path. */
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const load = (files: { cert?: string; key?: string }, more: Record<string, string> = {}) =>
    loadConfig({ FITGATE_DATA_DIR: tempDataDir(), FITGATE_TLS_CERT_FILE: files.cert, FITGATE_TLS_KEY_FILE: files.key, ...more });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fitgate-tls-config-'));
    [certificate, other] = await Promise.all([makeTestCertificate(), makeTestCertificate()]);
    certFile = file('localhost.pem', certificate.certPem);
    keyFile = file('localhost-key.pem', certificate.keyPem);
    // Readable by its owner alone, as a key should be: any wider is warned about (tls_key_permissions.test.ts).
    chmodSync(keyFile, 0o600);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await Promise.all([certificate?.remove(), other?.remove()]);
  });

  it('unset, leave fitgate on plain http', () => {
    const config = loadConfig({ FITGATE_DATA_DIR: tempDataDir(), PORT: '3443' });
    expect(config.tls).toBeUndefined();
    expect(config.publicUrl).toBe('http://localhost:3443');
  });

  it('together, are read at start and make the default public URL https on PORT', () => {
    const config = load({ cert: certFile, key: keyFile }, { PORT: '3443' });
    expect(config.tls?.certFile).toBe(certFile);
    expect(config.tls?.serverOptions().cert.toString()).toBe(certificate.certPem);
    expect(config.tls?.serverOptions().key.toString()).toBe(certificate.keyPem);
    expect(config.publicUrl).toBe('https://localhost:3443');
    expect(config.baseHost).toBe('localhost:3443');
  });

  it('keep the private key out of the configuration when it is logged or printed whole', () => {
    const config = load({ cert: certFile, key: keyFile });
    expect(JSON.stringify(config)).not.toContain(bodyOf(certificate.keyPem));
    expect(JSON.stringify(config)).toContain(keyFile);
    expect(inspect(config, { depth: 10, showHidden: true })).not.toContain(bodyOf(certificate.keyPem));
  });

  it('refuse either alone, naming the one that is missing', () => {
    const noKey = configErrorOf(() => load({ cert: certFile }));
    expect(noKey.message).toMatch(/^FITGATE_TLS_KEY_FILE: is required when FITGATE_TLS_CERT_FILE is set: both or neither/);
    const noCert = configErrorOf(() => load({ key: keyFile }));
    expect(noCert.message).toMatch(/^FITGATE_TLS_CERT_FILE: is required when FITGATE_TLS_KEY_FILE is set: both or neither/);
  });

  it('refuse a file that is not there, or a directory, naming the variable and the path', () => {
    const missing = join(dir, 'nowhere.pem');
    expect(configErrorOf(() => load({ cert: missing, key: keyFile })).message).toBe(`FITGATE_TLS_CERT_FILE: cannot read ${missing}: no such file`);
    expect(configErrorOf(() => load({ cert: certFile, key: dir })).message).toBe(`FITGATE_TLS_KEY_FILE: cannot read ${dir}: it is a directory`);
  });

  it('refuse files that are not PEM, and say so when the two are swapped', () => {
    const text = file('notes.txt', 'not a certificate\n');
    expect(configErrorOf(() => load({ cert: text, key: keyFile })).message).toBe(
      `FITGATE_TLS_CERT_FILE: ${text} is not a PEM certificate (no "-----BEGIN CERTIFICATE-----" line)`,
    );
    expect(configErrorOf(() => load({ cert: certFile, key: text })).message).toBe(
      `FITGATE_TLS_KEY_FILE: ${text} is not a PEM private key (no "-----BEGIN PRIVATE KEY-----" line)`,
    );
    expect(configErrorOf(() => load({ cert: keyFile, key: certFile })).message).toMatch(/^FITGATE_TLS_CERT_FILE: .* it holds a private key; are FITGATE_TLS_CERT_FILE and FITGATE_TLS_KEY_FILE swapped\?$/);
  });

  it('refuse PEM whose content OpenSSL cannot read, with its reason and nothing of the file', () => {
    const damaged = file('damaged.pem', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n');
    const error = configErrorOf(() => load({ cert: damaged, key: keyFile }));
    expect(error.message).toMatch(new RegExp(`^FITGATE_TLS_CERT_FILE: ${damaged} is not a certificate OpenSSL can read: \\w`));
    expect(error.message).not.toContain('AAAA');
  });

  it('refuse a certificate chain OpenSSL cannot serve, such as a damaged intermediate after a good certificate', () => {
    const chain = file('chain.pem', `${certificate.certPem}-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n`);
    expect(configErrorOf(() => load({ cert: chain, key: keyFile })).message).toMatch(new RegExp(`^FITGATE_TLS_CERT_FILE: ${chain} cannot be served with ${keyFile}: \\w`));
  });

  it('refuse an encrypted key: fitgate cannot ask for its passphrase', () => {
    const encrypted = file('encrypted-key.pem', '-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n');
    expect(configErrorOf(() => load({ cert: certFile, key: encrypted })).message).toMatch(/^FITGATE_TLS_KEY_FILE: .* is encrypted, and fitgate cannot ask for its passphrase/);
  });

  it('refuse the key of another certificate, without printing either key', () => {
    const otherKey = file('other-key.pem', other.keyPem);
    const error = configErrorOf(() => load({ cert: certFile, key: otherKey }));
    expect(error.message).toBe(`FITGATE_TLS_KEY_FILE: ${otherKey} is not the private key of the certificate in ${certFile} (FITGATE_TLS_CERT_FILE): give the key that was made with it`);
  });

  it('refuse an http public URL: fitgate then serves https only', () => {
    const error = configErrorOf(() => load({ cert: certFile, key: keyFile }, { FITGATE_PUBLIC_URL: 'http://localhost:3000' }));
    expect(error.message).toMatch(/^FITGATE_PUBLIC_URL: must be https when FITGATE_TLS_CERT_FILE is set/);
  });

  it('need no trusted proxy for an https public URL, in production or not, and warn of none', () => {
    const production = load({ cert: certFile, key: keyFile }, { ...productionSettings(), FITGATE_TRUST_PROXY: '' });
    expect(production.trustProxy).toBeUndefined();
    expect(production.warnings).toEqual([]);
    const development = load({ cert: certFile, key: keyFile }, { FITGATE_PUBLIC_URL: 'https://id.example.com' });
    expect(development.warnings).toEqual([]);
  });
});
