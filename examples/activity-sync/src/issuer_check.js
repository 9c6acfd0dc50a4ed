/**
 * ISSUER_BASE_URL checked once at start, before anything listens. express-openid-connect reads
 * fitgate's discovery document only at the first sign-in, so a wrong URL (fitgate not running, a
 * typo, the dashboard's /manage address, 127.0.0.1 where fitgate answers as localhost) used to end
 * as a stack trace in this log and "Something went wrong" in the browser. Here it is one line: the
 * URL tried, what answered, and what to set.
 */

/** Long enough for a fitgate still starting on a slow machine; the SDK itself waits 5 seconds. */
const DISCOVERY_TIMEOUT_MS = 5000;

const WHAT_TO_SET = 'set ISSUER_BASE_URL to your fitgate tenant URL, the address npm start prints without /manage (e.g. http://localhost:3000)';

/** Network failures as a person reads them; anything else by its own message. */
const REASONS = {
  ECONNREFUSED: 'nothing listens there',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name does not resolve',
  ECONNRESET: 'the connection was cut',
};

/**
 * Why `issuerBaseURL` (as config.js keeps it: no trailing slash) is not a fitgate tenant this app
 * can use, as one line; undefined when its discovery document names it as the issuer.
 *
 * @param {string} issuerBaseURL
 * @param {typeof fetch} [fetchImpl]
 * @returns {Promise<string | undefined>}
 */
export async function issuerProblem(issuerBaseURL, fetchImpl = fetch) {
  const url = `${issuerBaseURL}/.well-known/openid-configuration`;
  let response;
  try {
    response = await fetchImpl(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS), headers: { accept: 'application/json' } });
  } catch (error) {
    const reason = networkReason(error);
    // Browsers resolve NAME.localhost to this machine; Node asks the system resolver, which may not.
    const { hostname } = new URL(url);
    if (reason.endsWith('ENOTFOUND') && hostname.endsWith('.localhost')) {
      return `could not reach fitgate at ISSUER_BASE_URL=${issuerBaseURL} (fetching ${url}: ${reason}): add "127.0.0.1 ${hostname}" to /etc/hosts, or use the default tenant's URL (e.g. http://localhost:3000)`;
    }
    return `could not reach fitgate at ISSUER_BASE_URL=${issuerBaseURL} (fetching ${url}: ${reason}): start fitgate, or ${WHAT_TO_SET}`;
  }
  const body = await response.json().catch(() => undefined);
  if (!response.ok || typeof body?.issuer !== 'string') {
    // fitgate's own 404 for a host that is no tenant's says which address it answers at: pass it on.
    const said = typeof body?.error_description === 'string' ? `: ${body.error_description}` : '';
    const what = response.ok ? 'a page that is no OpenID Connect discovery document' : `${response.status}${said}`;
    return `ISSUER_BASE_URL=${issuerBaseURL} is not a fitgate tenant (${url} answered ${what}): ${WHAT_TO_SET}`;
  }
  const issuer = body.issuer.replace(/\/+$/, '');
  if (issuer !== issuerBaseURL) {
    return `ISSUER_BASE_URL=${issuerBaseURL} answers as the issuer ${body.issuer}, and the sign-in checks the two are the same: set ISSUER_BASE_URL=${issuer}`;
  }
  return undefined;
}

/** @param {unknown} error */
function networkReason(error) {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${DISCOVERY_TIMEOUT_MS / 1000} seconds`;
  const cause = error instanceof Error ? error.cause : undefined;
  const code = cause && typeof cause === 'object' && 'code' in cause ? String(cause.code) : undefined;
  if (code && REASONS[code]) return `${REASONS[code]}, ${code}`;
  if (cause instanceof Error) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
