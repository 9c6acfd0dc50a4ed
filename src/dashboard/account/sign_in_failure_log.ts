import type { Request } from 'express';
import { typedText } from '../../logging/index.js';
import type { SignInLimit } from './sign_in_limiter.js';

/** RFC 5321's longest address; anything longer typed as an email is cut there. */
const EMAIL_MAX = 254;

/** Why a sign-in failed: the email and password matched no admin, or a limit refused the attempt. */
export type SignInFailure = { reason: 'wrong_credentials' } | { reason: 'rate_limited'; limit: SignInLimit };

/**
 * One warning in the process log for a failed dashboard sign-in, beside the tenants' log events
 * (admin_activity_log.ts): the operator's fail2ban or SIEM reads stdout, and counts failures by
 * address and by account. It names the tenant whose host was used, the email as typed (trimmed and
 * lower-cased as the form reads it, bounded: typedText), the address as Express sees it (req.ip) and
 * the reason; never the password, which is not among the fields.
 */
export function logSignInFailure(req: Request, email: string, failure: SignInFailure): void {
  req.log.warn(
    {
      event: 'admin_sign_in_failed',
      tenant: req.context.tenant.name,
      email: typedText(email, EMAIL_MAX),
      ip: req.ip,
      ...failure,
    },
    'dashboard sign-in failed',
  );
}
