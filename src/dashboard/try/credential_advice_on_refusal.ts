import type { ConnectionPlugin } from '../../connections/plugin.js';
import type { Sealer } from '../../domain/ports.js';
import type { ConnectionOptions } from '../../domain/types.js';
import { credentialAdvice } from '../connections/credential_advice.js';
import type { TryFailure } from './try_failure_explanation.js';

// The failures where the upstream refused the client: at authorize (only the id was sent) and at the
// token step (the secret). Host kinds, so no upstream is named here.
const CLIENT_REFUSED: ReadonlySet<string> = new Set(['unknown_client', 'invalid_client']);

/**
 * A TRY the upstream refused the client for, with the plugin's advice on the credentials it tried
 * (its `adviseOnCredentials`, the advice a save shows): an admin who presses Try straight after
 * pasting a quoted secret learns why it was refused, not only that it was. The stored secret is
 * opened for the plugin to look at, as the TRY itself opened it to send it; a sentence holding it is
 * dropped (credentialAdvice), so the page never shows it. Any other failure, or no advice, is
 * returned as it is.
 */
export function withCredentialAdvice(
  failure: TryFailure,
  plugin: Pick<ConnectionPlugin, 'adviseOnCredentials'> | undefined,
  options: ConnectionOptions,
  sealer: Pick<Sealer, 'open'>,
): TryFailure {
  if (!plugin || !CLIENT_REFUSED.has(failure.kind)) return failure;
  const advice = credentialAdvice(plugin, options, storedSecretOf(options, sealer));
  return advice.length > 0 ? { ...failure, advice } : failure;
}

function storedSecretOf(options: ConnectionOptions, sealer: Pick<Sealer, 'open'>): string {
  if (options.clientSecret === undefined) return '';
  try {
    return sealer.open(options.clientSecret);
  } catch {
    // Unreadable (another master key): advice on the Client ID alone.
    return '';
  }
}
