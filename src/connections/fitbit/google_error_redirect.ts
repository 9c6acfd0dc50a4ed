import type { FitbitAuthorizeRefusal } from './authorize_refusal.js';
import { redactTokens } from '../oauth2/errors/redact_tokens.js';
import { decodeGoogleAuthError } from './google_auth_error.js';
import { refusalKind } from './refusal_kind.js';

// Google's error page (/signin/oauth/error, and /signin/oauth/error/v2 in some flows), on its own
// host or under an emulator that serves https://HOST/PATH as <base>/HOST/PATH (endpoints.ts).
const ON_GOOGLE = /^\/signin\/oauth\/error(?:\/v2)?$/;
const UNDER_EMULATOR = /\/accounts\.google\.com\/signin\/oauth\/error(?:\/v2)?$/;
const MAX_MESSAGE_CHARS = 500;

function errorPageUrl(location: string): URL | undefined {
  try {
    const url = new URL(location);
    const onGoogle = url.hostname === 'accounts.google.com' && url.protocol === 'https:' && ON_GOOGLE.test(url.pathname);
    return onGoogle || UNDER_EMULATOR.test(url.pathname) ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Google's refusal of an authorize request, read from the redirect that carries it: a redirect to
 * its error page with an authError it can decode. Undefined for any other redirect (the sign-in or
 * consent page, the callback) and for an authError it cannot read. The description is quoted
 * without anything token-like, as every upstream message is (../oauth2/errors/redact_tokens.ts);
 * the request details Google also carries (the state among them) are left out.
 */
export function readGoogleErrorRedirect(location: string): FitbitAuthorizeRefusal | undefined {
  const authError = errorPageUrl(location)?.searchParams.get('authError');
  const decoded = authError ? decodeGoogleAuthError(authError) : undefined;
  if (!decoded) return undefined;
  const said = (decoded.description ?? decoded.developerDescription)?.replace(/\s+/g, ' ').slice(0, MAX_MESSAGE_CHARS);
  const text = [decoded.code, decoded.description, decoded.developerDescription].join(' ');
  return {
    kind: refusalKind(decoded.code, text),
    operation: 'authorize',
    ...(decoded.status !== undefined && { status: decoded.status }),
    upstreamCode: decoded.code,
    ...(said && { upstreamMessage: redactTokens(said) }),
  };
}
