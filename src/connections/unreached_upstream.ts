/**
 * Why a call got no answer from the upstream, as far as Node's error code tells: the one reading of
 * the HTTP port's socket errors, for the port's metrics report (upstream_fetch.ts) and for what the
 * host tells an admin (TRY). An upstream that answered 5xx is down; one that was never reached may
 * be fine, and the fault on this side, for an operator to fix: a proxy or a TLS-inspecting firewall
 * whose certificate authority Node does not trust (NODE_EXTRA_CA_CERTS), a base URL pointing at the
 * wrong place, a DNS or firewall rule. It imports nothing, so that a plugin published on its own
 * carries it along with the port.
 */

/**
 * `tls`: the TLS handshake failed (a certificate self-signed, expired, for another host, or signed
 * by an authority Node does not trust; a server that does not speak TLS at all); `network`: no
 * connection could be had, or it broke (the host name not found, the connection refused, reset, or
 * not made before the operating system's own timeout).
 */
export type UnreachedKind = 'tls' | 'network';

/** What kept the call from its answer: the kind, and Node's code and message for the log and the admin. */
export interface UnreachedCause {
  readonly kind: UnreachedKind;
  readonly code: string;
  readonly message: string;
}

// OpenSSL's certificate verification codes as Node reports them (its tls docs, "X509 certificate
// error codes") that neither of the prefixes below covers.
const TLS_CODES: ReadonlySet<string> = new Set([
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'UNABLE_TO_GET_CRL',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'ERROR_IN_CERT_NOT_BEFORE_FIELD',
  'ERROR_IN_CERT_NOT_AFTER_FIELD',
  'INVALID_CA',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_PURPOSE',
  'HOSTNAME_MISMATCH',
  // The handshake's own failure: an https:// address served by plain HTTP says "wrong version number".
  'EPROTO',
]);

/** CERT_HAS_EXPIRED, CERT_UNTRUSTED, ...; ERR_TLS_CERT_ALTNAME_INVALID, ...; ERR_SSL_WRONG_VERSION_NUMBER, .... */
const TLS_PREFIXES = ['CERT_', 'ERR_TLS_', 'ERR_SSL_'] as const;

const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  // The operating system's connect timeout, not the port's bound (which is `timeout`, no socket error).
  'ETIMEDOUT',
]);

/** How far down an error's `cause` chain to look: a plugin wraps the port's error once or twice. */
const MAX_CAUSE_DEPTH = 5;

/**
 * The first error in `error` and its `cause` chain whose code says the upstream was not reached;
 * undefined when none does (an answer came, the port's own timeout, anything else).
 */
export function unreachedCauseOf(error: unknown): UnreachedCause | undefined {
  let current = error;
  for (let depth = 0; depth <= MAX_CAUSE_DEPTH && typeof current === 'object' && current !== null; depth += 1) {
    const { code } = current as { code?: unknown };
    const kind = typeof code === 'string' ? kindOfCode(code) : undefined;
    if (kind && typeof code === 'string') return { kind, code, message: messageOf(current) };
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function kindOfCode(code: string): UnreachedKind | undefined {
  if (TLS_CODES.has(code) || TLS_PREFIXES.some((prefix) => code.startsWith(prefix))) return 'tls';
  return NETWORK_CODES.has(code) ? 'network' : undefined;
}

/**
 * The error's own message, else its first inner error's: Node tries each address of a name in turn
 * and, when all fail, rejects with an AggregateError that carries the code but no message.
 */
function messageOf(error: object): string {
  const { message, errors } = error as { message?: unknown; errors?: unknown };
  if (typeof message === 'string' && message.trim() !== '') return message.trim();
  const first: unknown = Array.isArray(errors) ? errors[0] : undefined;
  const inner = (first as { message?: unknown } | undefined)?.message;
  return typeof inner === 'string' ? inner.trim() : '';
}
