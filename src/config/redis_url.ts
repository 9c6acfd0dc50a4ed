const FORM = 'redis://[USER:PASSWORD@]HOST[:PORT][/DB] (rediss:// for TLS)';

/**
 * What is wrong with REDIS_URL, or undefined when the Redis client can connect with it as written.
 * Checked at start because the client reports a malformed URL only as "Invalid URL" or "Invalid
 * pathname", naming no variable, and takes one without a host ("redis://") for 127.0.0.1:6379.
 * Every answer leaves the value out: it may carry a password.
 */
export function redisUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return (
      `must be a URL of the form ${FORM}, and this one cannot be read as a URL: check that the port is a number up to 65535, ` +
      'that an IPv6 address is in [ ], and that no space is left unencoded, nor a / ? or # in the password (%2F %3F %23)'
    );
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') return `must be a redis:// or rediss:// URL: ${FORM}`;
  if (url.hostname === '') return `must name Redis's host: ${FORM}`;
  if (url.port === '0') return `must have a port from 1 to 65535, or none for 6379: ${FORM}`;
  if (!/^(\/\d*)?$/.test(url.pathname)) return `may have only a database number after the host (/0, /1, ...): ${FORM}`;
  return undefined;
}
