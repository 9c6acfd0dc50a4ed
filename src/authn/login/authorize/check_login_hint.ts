import { InvalidRequestError } from '../../../errors/index.js';
import type { AuthorizeCheck } from './authorize_context.js';

// An email address is at most 254 characters (RFC 5321 §4.5.3.1) and Google's `sub` far less: a
// longer hint names no account, and it travels in the login transaction and the upstream's URL.
export const MAX_LOGIN_HINT_LENGTH = 256;

/**
 * OpenID Connect Core §3.1.2.1 login_hint: the account the person will likely sign in with, kept
 * as the client sent it for the connection's plugin, which passes it on where its upstream takes one.
 */
export const checkLoginHint: AuthorizeCheck = (ctx) => {
  const hint = ctx.params.login_hint;
  if (hint === undefined) return;
  if (hint.length > MAX_LOGIN_HINT_LENGTH) {
    throw new InvalidRequestError(`login_hint must be at most ${MAX_LOGIN_HINT_LENGTH} characters.`);
  }
  ctx.loginHint = hint;
};
