/**
 * The certificate and private key the public listener serves https with (FITGATE_TLS_CERT_FILE and
 * FITGATE_TLS_KEY_FILE), read and checked at start (tls_files.ts). The key is a private field: a
 * configuration logged, printed or inspected whole shows the two paths and never the key.
 */
export class TlsCredentials {
  readonly #key: Buffer;

  constructor(
    /** Absolute path of the certificate file, for messages. */
    readonly certFile: string,
    /** Absolute path of the key file, for messages. */
    readonly keyFile: string,
    /** The certificate, then any intermediates, as PEM. */
    readonly cert: Buffer,
    key: Buffer,
    /** The key file's mode as it was read, for the warning about who else may read it (tls_key_permissions.ts). */
    readonly keyFileMode?: number,
  ) {
    this.#key = key;
  }

  /** What node:https takes to serve with them. */
  serverOptions(): { cert: Buffer; key: Buffer } {
    return { cert: this.cert, key: this.#key };
  }

  toJSON(): { certFile: string; keyFile: string } {
    return { certFile: this.certFile, keyFile: this.keyFile };
  }
}
