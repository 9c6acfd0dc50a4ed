import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { RateLimitWindow } from '../config/index.js';
import type { AppDeps } from '../app_deps.js';
import { isPublicClient } from '../domain/client_confidentiality.js';
import type { Client } from '../domain/types.js';
import { clientAddressKey } from '../http/client_address.js';
import { rateLimit, spendRateLimits, storedRateLimitCounter, type RateLimitRule } from '../http/rate_limit.js';
import { readBearerToken } from './userinfo/userinfo_bearer_token.js';

/**
 * Spends a point of the budget of the client a request to /oauth/token or /oauth/revoke has just
 * authenticated as; throws a 429 RateLimitedError once it is spent.
 */
export type ClientRateLimit = (req: Request, res: Response, client: Client) => Promise<void>;

/** The limits each Authentication API route applies; none when limits are off. */
export interface AuthnRateLimits {
  /** /oauth/token and /oauth/revoke (one budget), mounted before the endpoint: per address. */
  readonly token: RequestHandler[];
  /** The same endpoints' per-client budget, spent by the endpoint once its client has authenticated. */
  readonly tokenClient: ClientRateLimit;
  readonly authorize: RequestHandler[];
  readonly callback: RequestHandler[];
  readonly userinfo: RequestHandler[];
  /**
   * GET /v2/logout, GET and POST /oidc/logout, per address: a logout is as public as /authorize (no
   * credential, any site may send one), so a flood of them is refused before the session is read.
   */
  readonly logout: RequestHandler[];
}

const NO_CLIENT_LIMIT: ClientRateLimit = () => Promise.resolve();

/**
 * FITGATE_RATE_LIMIT_* as middleware, counted in the store so the limits hold across workers and
 * instances (in batches, since every request passes one: ../store/rate_limit_batches.ts), and per
 * tenant (one tenant's traffic never spends another's). The access token of /userinfo is a
 * caller-chosen string, so its bucket is keyed by its SHA-256: a token never lands in the store. A
 * client's bucket is keyed by its id as stored, since only an authenticated client spends one.
 */
export function authnRateLimits(deps: Pick<AppDeps, 'config' | 'store' | 'metrics'>): AuthnRateLimits {
  const limits = deps.config.rateLimits;
  if (!limits) return { token: [], tokenClient: NO_CLIENT_LIMIT, authorize: [], callback: [], userinfo: [], logout: [] };
  const rule = (keyPrefix: string, window: RateLimitWindow, keyOf: (req: Request) => string | undefined): RateLimitRule => ({
    ...storedRateLimitCounter(deps, keyPrefix, window),
    keyOf: (req) => {
      const key = keyOf(req);
      return key === undefined ? undefined : `${req.context.tenant.name}|${key}`;
    },
  });
  const address = (req: Request) => clientAddressKey(req.ip);
  const seconds = (n: number) => `${n} second${n === 1 ? '' : 's'}`;
  const apiMessage = (n: number) => `Too many requests; retry after ${seconds(n)}.`;
  const pageMessage = (n: number) => `Too many sign-in requests came from your network. Try again in ${seconds(n)}.`;
  const logoutMessage = (n: number) => `Too many sign-out requests came from your network. Try again in ${seconds(n)}.`;
  const perClient = storedRateLimitCounter(deps, 'authn_token_client', limits.tokenPerClient);

  return {
    token: [rateLimit([rule('authn_token_address', limits.tokenPerAddress, address)], apiMessage)],
    tokenClient: (req, res, client) => {
      // A client id is public, so a bucket spent by every request naming one would let anyone
      // lock the client out (hence after authentication: failed attempts spend their address's
      // budget only). A public client's authentication is naming it, so that bucket would be
      // anyone's to spend again; its requests come from its users' devices and are counted per
      // address only. Its grant still needs a code with its PKCE verifier, or a refresh token.
      if (isPublicClient(client)) return Promise.resolve();
      return spendRateLimits(req, res, [{ counter: perClient, key: `${req.context.tenant.name}|${client.clientId}` }], apiMessage);
    },
    authorize: [rateLimit([rule('authn_authorize_address', limits.authorizePerAddress, address)], pageMessage)],
    callback: [rateLimit([rule('authn_callback_address', limits.callbackPerAddress, address)], pageMessage)],
    userinfo: [rateLimit([rule('authn_userinfo_token', limits.userinfoPerToken, presentedTokenHash)], apiMessage)],
    // The people behind one address sign out about as often as they sign in, so /authorize's
    // window fits (FITGATE_RATE_LIMIT_AUTHORIZE_PER_ADDRESS); the bucket is its own, so neither
    // route's traffic spends the other's.
    logout: [rateLimit([rule('authn_logout_address', limits.authorizePerAddress, address)], logoutMessage)],
  };
}

function presentedTokenHash(req: Request): string | undefined {
  try {
    const token = readBearerToken(req);
    return token === undefined ? undefined : sha256(canonicalToken(token));
  } catch {
    return undefined;
  }
}

/**
 * The token as the bytes it stands for: base64url decoding ignores padding, the standard alphabet's
 * `+` and `/`, and a last character's unused bits, so one token has many spellings that verify alike
 * and each spelling would otherwise have a budget of its own.
 */
function canonicalToken(token: string): string {
  return token
    .split('.')
    .map((part) => Buffer.from(part, 'base64url').toString('base64url'))
    .join('.');
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
