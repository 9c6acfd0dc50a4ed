import type { Request } from 'express';
import type { EphemeralStore } from '../../../domain/ports.js';
import { forgetPendingLogin, startedInThisBrowser } from '../login_session.js';
import { takeLoginTransaction, type LoginTransaction } from '../login_transaction.js';

/**
 * The transaction named by `state`, taken out of the store (single use, before anything is sent
 * upstream), when this browser started it at this tenant; undefined otherwise.
 */
export async function takeTransaction(ephemeral: EphemeralStore, req: Request): Promise<LoginTransaction | undefined> {
  const state = req.query.state;
  if (typeof state !== 'string' || !startedInThisBrowser(req, state)) return undefined;
  forgetPendingLogin(req, state);
  const transaction = await takeLoginTransaction(ephemeral, state);
  return transaction?.tenant === req.context.tenant.name ? transaction : undefined;
}
