import type { Request } from 'express';
import type { EphemeralStore } from '../domain/ports.js';
import { beginLoginTransaction, type LoginTransaction, type PendingAuthorization } from './login_transaction.js';

type StoreCallback = (error: Error | null, state?: string) => void;
type VerifyCallback = (error: Error | null, verifier: string | false, info?: { message: string }) => void;

/**
 * passport-oauth2's state store (its PKCE flavour, told apart by method arity) backed by the login
 * transaction. `store` receives the pending authorization as passport's `state` option and answers
 * with the upstream state. `verify` does no lookup: the callback has already taken the transaction
 * out of the store (it needs it even when the upstream answers with an error, where passport skips
 * verify), and hands it here so passport exchanges the code with that transaction's verifier only.
 */
export class LoginTransactionStateStore {
  constructor(
    private readonly options: {
      ephemeral: EphemeralStore;
      /** The transaction the callback took for this request. */
      taken?: LoginTransaction;
      /** Called with each new transaction, e.g. to bind it to the browser. */
      onBegin?: (transaction: LoginTransaction) => void;
    },
  ) {}

  store(_req: Request, verifier: string, pending: unknown, _meta: unknown, callback: StoreCallback): void {
    beginLoginTransaction(this.options.ephemeral, pending as PendingAuthorization, verifier).then(
      (transaction) => {
        this.options.onBegin?.(transaction);
        callback(null, transaction.upstreamState);
      },
      (error: Error) => callback(error),
    );
  }

  verify(_req: Request, providedState: unknown, callback: VerifyCallback): void {
    const taken = this.options.taken;
    if (!taken || providedState !== taken.upstreamState) {
      callback(null, false, { message: 'The login state does not match.' });
      return;
    }
    callback(null, taken.upstreamCodeVerifier);
  }
}
