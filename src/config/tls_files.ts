import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createSecureContext } from 'node:tls';
import { ConfigError } from './config_error.js';
import { TlsCredentials } from './tls_credentials.js';

const CERT = 'FITGATE_TLS_CERT_FILE';
const KEY = 'FITGATE_TLS_KEY_FILE';

const READ_PROBLEMS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied (fitgate must be able to read it)',
  EPERM: 'permission denied (fitgate must be able to read it)',
};

const CERTIFICATE_PEM = /-----BEGIN CERTIFICATE-----/;
const KEY_PEM = /-----BEGIN (?:RSA |EC )?PRIVATE KEY-----/;
const ENCRYPTED_KEY_PEM = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/;

/**
 * The https certificate and key, both or neither, read and checked now: a missing or unreadable
 * file, one that is not PEM, an encrypted key or a key of another certificate would otherwise pass
 * start-up and fail every TLS handshake (OpenSSL drops a key that does not match its certificate
 * without an error). Messages name the variable and the file, never what the files hold. The key
 * file's mode is taken from the file as it was read, for the start-up warning when others may read
 * it (tls_key_permissions.ts).
 */
export function readTlsFiles(certFile: string | undefined, keyFile: string | undefined): TlsCredentials | undefined {
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined) throw new ConfigError(CERT, `is required when ${KEY} is set: both or neither (the certificate and its private key, PEM files)`);
  if (keyFile === undefined) throw new ConfigError(KEY, `is required when ${CERT} is set: both or neither (the certificate and its private key, PEM files)`);
  const certPath = resolve(certFile);
  const keyPath = resolve(keyFile);
  const { pem: cert } = readPem(CERT, certPath);
  const { pem: key, mode: keyFileMode } = readPem(KEY, keyPath);
  const certificate = parseCertificate(certPath, cert);
  if (!certificate.checkPrivateKey(parseKey(keyPath, key))) {
    throw new ConfigError(KEY, `${keyPath} is not the private key of the certificate in ${certPath} (${CERT}): give the key that was made with it`);
  }
  try {
    createSecureContext({ cert, key });
  } catch (error) {
    throw new ConfigError(CERT, `${certPath} cannot be served with ${keyPath}: ${opensslReason(error)}`);
  }
  return new TlsCredentials(certPath, keyPath, cert, key, keyFileMode);
}

/** The file's content and mode, both of the one file opened (a file swapped meanwhile cannot mix them). */
function readPem(variable: string, path: string): { pem: Buffer; mode: number } {
  try {
    const fd = openSync(path, 'r');
    try {
      return { mode: fstatSync(fd).mode, pem: readFileSync(fd) };
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new ConfigError(variable, `cannot read ${path}: ${READ_PROBLEMS[code] ?? (code || (error as Error).message)}`);
  }
}

function parseCertificate(path: string, cert: Buffer): X509Certificate {
  const text = cert.toString('latin1');
  if (!CERTIFICATE_PEM.test(text)) {
    const swapped = KEY_PEM.test(text) || ENCRYPTED_KEY_PEM.test(text) ? `: it holds a private key; are ${CERT} and ${KEY} swapped?` : '';
    throw new ConfigError(CERT, `${path} is not a PEM certificate (no "-----BEGIN CERTIFICATE-----" line)${swapped}`);
  }
  try {
    return new X509Certificate(cert);
  } catch (error) {
    throw new ConfigError(CERT, `${path} is not a certificate OpenSSL can read: ${opensslReason(error)}`);
  }
}

function parseKey(path: string, key: Buffer): KeyObject {
  const text = key.toString('latin1');
  if (ENCRYPTED_KEY_PEM.test(text)) {
    throw new ConfigError(KEY, `${path} is encrypted, and fitgate cannot ask for its passphrase: decrypt it (openssl pkey -in KEY -out KEY.plain) and keep that file readable by fitgate alone`);
  }
  if (!KEY_PEM.test(text)) {
    const swapped = CERTIFICATE_PEM.test(text) ? `: it holds a certificate; are ${CERT} and ${KEY} swapped?` : '';
    throw new ConfigError(KEY, `${path} is not a PEM private key (no "-----BEGIN PRIVATE KEY-----" line)${swapped}`);
  }
  try {
    return createPrivateKey(key);
  } catch (error) {
    throw new ConfigError(KEY, `${path} is not a private key OpenSSL can read: ${opensslReason(error)}`);
  }
}

/** OpenSSL's short reason ("wrong tag"), which says what failed and quotes nothing of the file. */
function opensslReason(error: unknown): string {
  const { reason, message } = error as { reason?: unknown; message?: unknown };
  return typeof reason === 'string' && reason !== '' ? reason : String(message);
}
