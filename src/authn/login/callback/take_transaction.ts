import type { Request, Response } from 'express';
import type { EphemeralStore } from '../../../domain/ports.js';
import { forgetPendingLogin, startedInThisBrowser } from '../pending_login_cookie.js';
import { takeLoginTransaction, type LoginTransaction } from '../login_transaction.js';

/**
 * The transaction named by `state`, taken out of the store (single use, before anything is sent
 * upstream), when this browser started it at this tenant; undefined otherwise.
 */
export async function takeTransaction(ephemeral: EphemeralStore, req: Request, res: Response): Promise<LoginTransaction | undefined> {
  const state = req.query.state;
  if (typeof state !== 'string' || !startedInThisBrowser(req, state)) return undefined;
  forgetPendingLogin(req, res, state);
  const transaction = await takeLoginTransaction(ephemeral, state);
  return transaction?.tenant === req.context.tenant.name ? transaction : undefined;
}
