import type { PluginFailure } from '../../connections/plugin.js';
import { tryFailureOf, upstreamSaidOf, type FailureContext, type TryFailure } from './try_failure_explanation.js';

/**
 * What a refusal the authorize preflight found (upstream/authorize_preflight.ts) means for the
 * admin. Nothing but the client id has been sent at authorize, so the client the upstream refuses
 * there is an unknown id, never a wrong secret, which only the token step can reveal
 * (try_failure_explanation.ts).
 */
export function tryFailureAtAuthorize(refusal: PluginFailure, context: FailureContext): TryFailure {
  return tryFailureOf(refusal.kind === 'invalid_client' ? 'unknown_client' : refusal.kind, upstreamSaidOf(refusal), context);
}
