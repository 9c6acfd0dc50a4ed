import type { Sealer } from './ports.js';
import { sealIssuedTokens } from './issued_tokens.js';
import type { Connection, Identity, User } from './types.js';

/** Root profile attributes as the upstream reports them (Auth0's normalised user profile). */
export type RootProfile = Partial<
  Pick<User, 'email' | 'emailVerified' | 'name' | 'nickname' | 'givenName' | 'familyName' | 'picture'>
>;

/** One successful upstream login, as the callback hands it to the domain. Tokens are plaintext here. */
export interface UpstreamLogin {
  tenant: string;
  connection: Pick<Connection, 'name' | 'strategy'> & { options: Pick<Connection['options'], 'api' | 'profileSync'> };
  /** The user's id at the upstream's API (for Fitbit: Google Health's healthUserId, or the Fitbit Web API's encodedId). */
  upstreamUserId: string;
  /** The same person's id at the upstream's previous API, when this API reports it (Google Health's legacyUserId: the Fitbit encodedId). */
  legacyUserId?: string;
  profile: RootProfile;
  /** The upstream profile without tokens, kept on the identity. */
  profileData: Record<string, unknown>;
  tokens: { accessToken: string; refreshToken?: string; expiresIn: number; grantedScopes: string[] };
  ip?: string;
  /**
   * The tenant URL of the host the login came back to, the issuer of the id_tokens its session hands
   * out, remembered on the user (User.signInUrls). Absent where nobody signs in (a TRY's preview).
   */
  tenantUrl?: string;
  now: Date;
}

/**
 * The identity this login proves, with its tokens sealed by the rules every issue of tokens follows
 * (issued_tokens.ts: a stored refresh token is kept only for the same upstream API); a login always
 * reconnects the identity. Throws UnusableIssuedTokensError for tokens that cannot be stored.
 */
export function identityFromLogin(login: UpstreamLogin, sealer: Pick<Sealer, 'seal'>, previous?: Identity): Identity {
  const api = login.connection.options.api;
  const { tokens, grantedScopes } = sealIssuedTokens(login.tokens, { at: 'login', api, previous }, login.now.getTime(), sealer);
  const legacyUserId = login.legacyUserId ?? previous?.legacyUserId;
  const reconnected = previous !== undefined && previous.status !== 'connected';
  return {
    provider: login.connection.strategy,
    connection: login.connection.name,
    userId: login.upstreamUserId,
    isSocial: true,
    api,
    ...(legacyUserId !== undefined && legacyUserId !== login.upstreamUserId ? { legacyUserId } : {}),
    grantedScopes,
    tokens,
    status: 'connected',
    ...(reconnected || previous === undefined
      ? { statusChangedAt: login.now.toISOString() }
      : previous.statusChangedAt !== undefined
        ? { statusChangedAt: previous.statusChangedAt }
        : {}),
    profileData: { ...login.profileData },
  };
}

/** Replaces the root profile attributes with the upstream's (Auth0's "sync user profile at each login"). */
export function withRootProfile(user: User, profile: RootProfile): User {
  const {
    email: _email,
    emailVerified: _emailVerified,
    name: _name,
    nickname: _nickname,
    givenName: _givenName,
    familyName: _familyName,
    picture: _picture,
    ...rest
  } = user;
  return { ...rest, ...definedOnly(profile) };
}

function definedOnly(profile: RootProfile): RootProfile {
  return Object.fromEntries(Object.entries(profile).filter(([, value]) => value !== undefined)) as RootProfile;
}
