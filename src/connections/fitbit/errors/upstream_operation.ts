import type { OAuth2Operation } from '../../oauth2/operation.js';

/** Which upstream call failed: the OAuth calls, and the profile requests and key fetch of the login. */
export type UpstreamOperation = OAuth2Operation | 'profile' | 'identity' | 'userinfo' | 'jwks';
