/**
 * The example's settings, read once from the environment. The names are the ones
 * express-openid-connect documents (ISSUER_BASE_URL, BASE_URL, CLIENT_ID, CLIENT_SECRET, SECRET),
 * plus the machine-to-machine application that reads Fitbit tokens from fitgate's Management API.
 */

const REQUIRED = [
  ['ISSUER_BASE_URL', 'the fitgate tenant URL, e.g. http://localhost:3000'],
  ['CLIENT_ID', "this application's client id in fitgate"],
  ['CLIENT_SECRET', "this application's client secret in fitgate"],
  ['SECRET', 'a long random string that encrypts the session cookie'],
  ['MANAGEMENT_CLIENT_ID', 'a fitgate machine-to-machine application allowed read:users read:user_idp_tokens update:users'],
  ['MANAGEMENT_CLIENT_SECRET', 'its client secret'],
];

export class ConfigError extends Error {}

/** @param {Record<string, string | undefined>} env */
export function loadConfig(env) {
  const missing = REQUIRED.filter(([name]) => !env[name]);
  if (missing.length > 0) {
    throw new ConfigError(`missing settings:\n${missing.map(([name, meaning]) => `  ${name}: ${meaning}`).join('\n')}`);
  }
  const port = env.PORT === undefined ? 3001 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('PORT must be a port number (0 picks a free one)');
  const issuerBaseURL = env.ISSUER_BASE_URL.replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(issuerBaseURL)) {
    throw new ConfigError(`ISSUER_BASE_URL must start with http:// or https://: the fitgate tenant URL, e.g. http://localhost:3000 (not ${issuerBaseURL})`);
  }
  return Object.freeze({
    port,
    // Unset: BASE_URL follows the port actually listened on (http://localhost:PORT).
    baseURL: env.BASE_URL?.replace(/\/+$/, ''),
    issuerBaseURL,
    clientID: env.CLIENT_ID,
    clientSecret: env.CLIENT_SECRET,
    secret: env.SECRET,
    management: Object.freeze({
      tenantUrl: issuerBaseURL,
      clientId: env.MANAGEMENT_CLIENT_ID,
      clientSecret: env.MANAGEMENT_CLIENT_SECRET,
    }),
    // Unset: the real Fitbit and Google hosts. Set (e.g. to the emulator): https://HOST/PATH is
    // fetched from `${UPSTREAM_BASE_URL}/HOST/PATH`, the same rule as fitgate's FITGATE_UPSTREAM_BASE_URL.
    upstreamBaseUrl: env.UPSTREAM_BASE_URL?.replace(/\/+$/, ''),
    // Where fitgate's built-in sandbox answers for a connection without a Client ID of its own: the
    // UPSTREAM_BASE_URL its tokens need, and where a token another upstream refuses is tried once.
    sandboxBaseUrl: `${issuerBaseURL}/_sandbox`,
  });
}
