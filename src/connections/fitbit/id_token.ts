import { createRemoteJWKSet, customFetch, errors, jwtVerify, type JWTPayload } from 'jose';
import { callUpstream } from '../oauth2/call_upstream.js';
import { createUpstreamFetch } from '../upstream_fetch.js';
import { GOOGLE_ISSUERS } from './endpoints.js';
import { InvalidIdTokenError } from './errors/id_token_error.js';
import { parseErrorResponse } from './errors/parse_error_response.js';

export interface IdTokenCheck {
  /** Google's real JWKS URL, called under upstreamBaseUrl when one is set. */
  jwksUrl: string;
  upstreamBaseUrl: string | undefined;
  clientID: string;
  expectedNonce: string;
  timeoutMs: number;
}

type RemoteKeySet = ReturnType<typeof createRemoteJWKSet>;

// One key set per JWKS URL, base and bound for the process, so that jose's cache and cool-down work
// across logins and connections.
const keySets = new Map<string, RemoteKeySet>();

function keySetFor(check: IdTokenCheck): RemoteKeySet {
  const { jwksUrl, upstreamBaseUrl, timeoutMs } = check;
  const key = `${timeoutMs} ${upstreamBaseUrl ?? ''} ${jwksUrl}`;
  let keySet = keySets.get(key);
  if (!keySet) {
    // A port of the key set's own, serving every connection alike, reports to no connection's
    // metrics: the fetch is the process's, not a login's.
    const upstreamFetch = createUpstreamFetch({ ...(upstreamBaseUrl !== undefined && { upstreamBaseUrl }), timeoutMs });
    keySet = createRemoteJWKSet(new URL(jwksUrl), {
      // Fetch through callUpstream so a slow or failing JWKS surfaces as the same typed errors.
      [customFetch]: async (input: string) => {
        const answer = await callUpstream({ operation: 'jwks', url: input, upstreamFetch, timeoutMs, refusal: parseErrorResponse });
        return new Response(answer.body, { status: answer.status, headers: answer.headers });
      },
    });
    keySets.set(key, keySet);
  }
  return keySet;
}

/**
 * Verifies Google's id_token as https://developers.google.com/identity/openid-connect/openid-connect#validatinganidtoken
 * asks: signature against Google's keys, iss, aud = our client id, exp, and the nonce bound to this
 * login. Answers the claims; throws InvalidIdTokenError, or the upstream error if the keys cannot be read.
 */
export async function verifyIdToken(idToken: string, check: IdTokenCheck): Promise<JWTPayload> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, keySetFor(check), {
      issuer: GOOGLE_ISSUERS,
      audience: check.clientID,
      algorithms: ['RS256'],
      requiredClaims: ['sub', 'exp'],
    }));
  } catch (error) {
    if (error instanceof errors.JOSEError) throw new InvalidIdTokenError(error.message, error);
    throw error;
  }
  if (payload.nonce !== check.expectedNonce) throw new InvalidIdTokenError('the nonce does not belong to this login');
  return payload;
}
