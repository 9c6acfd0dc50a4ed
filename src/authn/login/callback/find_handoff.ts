import type { Request } from 'express';
import type { CallbackHandoff } from '../../../upstream/callback_handoff.js';

/** Where to forward a callback whose state another flow (the dashboard's TRY) claims, query kept; undefined when none does. */
export async function findHandoff(handoffs: readonly CallbackHandoff[], req: Request): Promise<string | undefined> {
  for (const handoff of handoffs) {
    if (await handoff.claims(req.query.state)) return `${handoff.path}${req.originalUrl.slice(req.path.length)}`;
  }
  return undefined;
}
