import type { TryFailure } from './try_failure_explanation.js';

/**
 * A TRY whose connection was deleted while the admin was at the upstream. The TRY existed and has
 * just been taken, so "no Try in progress" would be false, and "press Try again" cannot work: there
 * is nothing left to try. Its kind is `not_configured` (no connection: nothing to try), in its own
 * words, since the explanation table's speak of settings this connection no longer has, and no
 * plugin is asked: the connection that named it is gone.
 */
export function connectionGoneFailure(strategy: string): TryFailure {
  return {
    kind: 'not_configured',
    upstreamSaid: 'The upstream sent the browser back, but fitgate did not exchange its code: the connection is gone.',
    meaning: `The ${strategy} connection this Try was testing was deleted while the Try was at the upstream, so there is nothing to finish it with.`,
    fix: 'Nothing to fix on this Try. To test a connection of this kind, create it again (or open the one that replaced it) and press Try on its page.',
  };
}
