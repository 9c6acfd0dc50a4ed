import type { Request, Response } from 'express';
import type { EphemeralStore } from '../../../domain/ports.js';
import { forgetPendingLogin, startedInThisBrowser } from '../pending_login_cookie.js';
import { takeLoginTransaction, type LoginTransaction } from '../login_transaction.js';

/**
 * The transaction named by `state`, taken out of the store (single use, before anything is sent
 * upstream), when this browser started it at this tenant; undefined otherwise. The browser forgets
 * the state once the take has answered: a take the store refused leaves the login as it was, for
 * the callback's retry once the store is back (store_down_callback.ts).
 */
export async function takeTransaction(ephemeral: EphemeralStore, req: Request, res: Response): Promise<LoginTransaction | undefined> {
  const state = req.query.state;
  if (typeof state !== 'string' || !startedInThisBrowser(req, state)) return undefined;
  const transaction = await takeLoginTransaction(ephemeral, state);
  forgetPendingLogin(req, res, state);
  return transaction?.tenant === req.context.tenant.name ? transaction : undefined;
}
