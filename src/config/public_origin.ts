/**
 * FITGATE_PUBLIC_URL's form: where users reach fitgate. Every route is served from the root of its
 * host, so a path, query, fragment or user name here would be printed and published (discovery,
 * callback URLs) but answer 404. It is kept as its origin, the form browsers and SDKs compare an
 * issuer in: a default port (https://id.example.com:443) or capitals in the host would otherwise be
 * published in the issuer and every callback URL, and clients that normalise the URL they were given
 * refuse that issuer. A trailing slash is only the root written out, and is taken.
 *
 * A refusal names the form to write when one can be read from the value (`localhost:3000` is
 * `http://localhost:3000`; `http://localhost:3000/fitgate` is `http://localhost:3000`), so the
 * newcomer copies it rather than guesses. A suggestion is an origin: a user name or password in the
 * value is never repeated.
 */

const NOT_A_URL = 'must be an absolute http(s) URL';
const ROOT_ONLY = '(fitgate serves from the root of its host: no path, query or user name)';

/** Why `value` is no public URL, or undefined when it is one. */
export function publicOriginProblem(written: string): string | undefined {
  const value = written.replace(/\/+$/, '');
  if (!/^[a-z][a-z\d+.-]*:\/\//i.test(value)) {
    // A host with no scheme (localhost:3000, 192.168.1.5:3000, id.example.com): named with http://.
    const origin = originOf(`http://${value}`);
    return origin && !/\s/.test(value) ? `must start with http:// or https://: write it as ${origin}` : NOT_A_URL;
  }
  const url = parsed(value);
  if (!url) return NOT_A_URL;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must start with http:// or https://';
  const rootOnly = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password && !value.includes('#') && !value.includes('?');
  return rootOnly ? undefined : `must be a scheme, host and port only: write it as ${url.origin} ${ROOT_ONLY}`;
}

/** `value` as it is kept: its origin. Only for a value publicOriginProblem accepts. */
export function publicOrigin(written: string): string {
  return new URL(written.replace(/\/+$/, '')).origin;
}

function parsed(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

function originOf(value: string): string | undefined {
  const url = parsed(value);
  return url && url.hostname !== '' ? url.origin : undefined;
}
