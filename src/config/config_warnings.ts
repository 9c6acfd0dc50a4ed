import { isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { apexBaseHostWarning } from './apex_host.js';
import { trustsProxy } from './trust_proxy.js';
import type { environmentSchema } from './schema.js';
import type { TlsCredentials } from './tls_credentials.js';
import { tlsKeyPermissionWarning } from './tls_key_permissions.js';

/** A setting that works but is likely wrong for where fitgate runs: start-up logs it as a warning. */
export interface ConfigWarning {
  /** The variable to look at. */
  readonly variable: string;
  readonly message: string;
}

type Environment = z.infer<typeof environmentSchema>;

/**
 * What start-up warns about, without refusing to start. What production must not run with at all
 * (a missing public URL, https without a trusted proxy) is refused in load_config.ts instead.
 * `tls`: the files FITGATE_TLS_CERT_FILE and FITGATE_TLS_KEY_FILE named, as read (tls_files.ts).
 */
export function configWarnings(
  env: Environment,
  tls?: Pick<TlsCredentials, 'keyFile' | 'keyFileMode'>,
  platform: NodeJS.Platform = process.platform,
): readonly ConfigWarning[] {
  const production = env.NODE_ENV === 'production';
  const warnings: ConfigWarning[] = [];
  const publicUrl = env.FITGATE_PUBLIC_URL === undefined ? undefined : new URL(env.FITGATE_PUBLIC_URL);
  if (production && publicUrl?.protocol === 'http:' && !isLoopback(publicUrl.hostname)) {
    warnings.push({
      variable: 'FITGATE_PUBLIC_URL',
      message:
        `FITGATE_PUBLIC_URL is ${env.FITGATE_PUBLIC_URL} with NODE_ENV=production: cookies are not marked Secure, and passwords, ` +
        'codes and tokens cross the network unencrypted; serve fitgate as https behind a TLS-terminating proxy (with FITGATE_TRUST_PROXY)',
    });
  }
  const apexWarning = publicUrl && apexBaseHostWarning(publicUrl);
  if (apexWarning) warnings.push(apexWarning);
  // In production this is refused (load_config.ts); elsewhere a developer may test https on purpose.
  // Serving https itself (FITGATE_TLS_CERT_FILE), fitgate needs no proxy to see requests as https.
  if (!production && publicUrl?.protocol === 'https:' && env.FITGATE_TLS_CERT_FILE === undefined && !trustsProxy(env.FITGATE_TRUST_PROXY)) {
    warnings.push({
      variable: 'FITGATE_TRUST_PROXY',
      message:
        'FITGATE_PUBLIC_URL is https but FITGATE_TRUST_PROXY is not set (or trusts no proxy): behind a TLS-terminating proxy no session cookie will be issued',
    });
  }
  // Single-host production on the embedded store is supported; a directory that follows whatever
  // the working directory is (a container's, thrown away at each redeploy) is the trap.
  if (production && !env.REDIS_URL && !isAbsolute(env.FITGATE_DATA_DIR)) {
    const where = resolve(env.FITGATE_DATA_DIR);
    warnings.push({
      variable: 'FITGATE_DATA_DIR',
      message:
        `NODE_ENV=production without REDIS_URL: the embedded store is in ${where}, relative to the working directory ` +
        `(FITGATE_DATA_DIR is ${env.FITGATE_DATA_DIR}); set FITGATE_DATA_DIR to an absolute path on storage that outlives the ` +
        'process (a volume), or REDIS_URL to keep the data in Redis, as instances sharing it must',
    });
  }
  const keyFileWarning = tls?.keyFileMode === undefined ? undefined : tlsKeyPermissionWarning(tls.keyFile, tls.keyFileMode, platform);
  if (keyFileWarning) warnings.push(keyFileWarning);
  return warnings;
}

/** localhost, *.localhost, 127.0.0.0/8 or ::1: a URL only this machine reaches, where plain http is fine. */
function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(hostname) || hostname === '[::1]';
}
