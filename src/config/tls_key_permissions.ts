import type { ConfigWarning } from './config_warnings.js';

/** The permission bits of group and others: a private key with any of them set is not the owner's alone. */
const GROUP_OR_OTHERS = 0o077;

/** Characters a path may have and still be pasted into a shell as it is. */
const SHELL_SAFE = /^[\w./@%+=:,-]+$/;

/**
 * The warning for a TLS private key file that others on the host may read (mode & 0o077), as OpenSSH
 * gives for an identity file: naming the file, its mode and the fix. A warning, not a refusal:
 * secret managers and orchestrators mount keys 0644 (Kubernetes' secret volumes by default) in a
 * container where nobody else runs. Windows has no such bits (Node makes them up from the
 * read-only flag), so nothing is said there. Only the file's mode is read, never what it holds.
 */
export function tlsKeyPermissionWarning(keyFile: string, mode: number, platform: NodeJS.Platform): ConfigWarning | undefined {
  if (platform === 'win32' || (mode & GROUP_OR_OTHERS) === 0) return undefined;
  const octal = (mode & 0o777).toString(8).padStart(4, '0');
  const exposure = mode & 0o004 ? 'anyone on this host may read it' : mode & 0o040 ? 'its group may read it' : 'its group or others have rights to it';
  return {
    variable: 'FITGATE_TLS_KEY_FILE',
    message:
      `permissions ${octal} for ${keyFile} (FITGATE_TLS_KEY_FILE) are too open: ${exposure}, and whoever holds the TLS private key ` +
      `can pass for fitgate; make it readable by fitgate's user alone: chmod 600 ${shellQuoted(keyFile)}`,
  };
}

function shellQuoted(path: string): string {
  return SHELL_SAFE.test(path) ? path : `'${path.replaceAll("'", `'\\''`)}'`;
}
