import type { Request } from 'express';
import { InvalidClientError } from '../../errors/index.js';
import { typedText } from '../../logging/index.js';

/** fitgate's client ids are 32 characters; what is longer is kept this far, enough to recognise. */
const CLIENT_ID_MAX = 128;

/**
 * One warning in the process log for a client that failed to authenticate (invalid_client) at
 * `endpoint`, beside the tenant's log event: the tenant's log is for its admins, this line is for
 * the operator's tools (fail2ban, a SIEM) that read stdout and count failures by address. It names
 * the client_id presented (trimmed, bounded: typedText) and the client's address as Express sees it
 * (req.ip, behind FITGATE_TRUST_PROXY the forwarded one), never a secret: the presented secret is
 * not among the fields, and the reason is fitgate's own wording. Other refusals are the client's
 * request, not its credentials, and are not logged here.
 */
export function logClientAuthFailure(req: Request, endpoint: string, clientId: string | undefined, error: unknown): void {
  if (!(error instanceof InvalidClientError)) return;
  req.log.warn(
    {
      event: 'client_authentication_failed',
      tenant: req.context.tenant.name,
      endpoint,
      client_id: typedText(clientId, CLIENT_ID_MAX),
      ip: req.ip,
      reason: error.description,
    },
    'client authentication failed',
  );
}
