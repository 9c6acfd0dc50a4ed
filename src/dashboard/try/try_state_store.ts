import type { EphemeralStore } from '../../domain/ports.js';
import { beginTry, type PendingTry, type TryTransaction } from './try_transaction.js';

type StoreCallback = (error: Error | null, state?: string) => void;
type VerifyCallback = (error: Error | null, verifier: string | false, info?: { message: string }) => void;

/**
 * passport-oauth2's PKCE state store for a TRY. `store` keeps the TRY under a new upstream state;
 * `verify` looks nothing up: the callback route has already taken the TRY out of the store and
 * passes it in, so the code is exchanged with that TRY's verifier only.
 */
export class TryStateStore {
  constructor(
    private readonly options: {
      ephemeral: EphemeralStore;
      pending?: PendingTry;
      taken?: TryTransaction;
      onBegin?: (transaction: TryTransaction) => void;
    },
  ) {}

  store(_req: unknown, verifier: string, _state: unknown, _meta: unknown, callback: StoreCallback): void {
    const pending = this.options.pending;
    if (!pending) return callback(new Error('a TRY is begun only from the dashboard'));
    beginTry(this.options.ephemeral, pending, verifier).then(
      (transaction) => {
        this.options.onBegin?.(transaction);
        callback(null, transaction.upstreamState);
      },
      (error: Error) => callback(error),
    );
  }

  verify(_req: unknown, providedState: unknown, callback: VerifyCallback): void {
    const taken = this.options.taken;
    if (!taken || providedState !== taken.upstreamState) return callback(null, false, { message: 'The TRY state does not match.' });
    callback(null, taken.upstreamCodeVerifier);
  }
}
