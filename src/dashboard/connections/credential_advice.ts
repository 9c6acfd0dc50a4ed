import type { Request } from 'express';
import type { ConnectionPlugin } from '../../connections/plugin.js';
import type { Sealer } from '../../domain/ports.js';
import type { ConnectionOptions } from '../../domain/types.js';
import { keepForOneView, takeForOneView } from '../shown_once.js';

/**
 * The plugin's advice on the credentials a save just stored (its optional `adviseOnCredentials`):
 * a Client ID of the wrong shape is saved like any other, and this says so before TRY fails on it.
 * It waits in the session for the settings page the save redirects to, shown once beside
 * "Settings saved.". A sentence holding the secret typed with the save is dropped, whatever the
 * plugin wrote, and a plugin whose hook throws gives no advice rather than a failed save.
 */
export function credentialAdvice(plugin: Pick<ConnectionPlugin, 'adviseOnCredentials'>, saved: ConnectionOptions, typedSecret: string): string[] {
  const clientSecret = typedSecret.trim() || undefined;
  let advice: readonly unknown[];
  try {
    advice = plugin.adviseOnCredentials?.(saved.api, { clientId: saved.clientId, clientSecret }) ?? [];
  } catch {
    return [];
  }
  if (!Array.isArray(advice)) return [];
  return advice.filter((sentence): sentence is string => typeof sentence === 'string' && sentence.trim() !== '' && !(clientSecret && sentence.includes(clientSecret)));
}

const adviceKey = (tenant: string, strategy: string) => `connection-advice:${tenant}:${strategy}`;

/** Keeps `advice` for the next view of the connection's settings page; none drops what an earlier save left. */
export function keepCredentialAdvice(req: Request, sealer: Sealer, tenant: string, strategy: string, advice: readonly string[]): void {
  if (advice.length > 0) keepForOneView(req, sealer, adviceKey(tenant, strategy), advice);
  else takeForOneView(req, sealer, adviceKey(tenant, strategy));
}

/** The advice the last save left for this page, removed as it is read; empty when there is none. */
export function takeCredentialAdvice(req: Request, sealer: Sealer, tenant: string, strategy: string): string[] {
  const advice = takeForOneView<unknown>(req, sealer, adviceKey(tenant, strategy));
  return Array.isArray(advice) ? advice.filter((sentence): sentence is string => typeof sentence === 'string') : [];
}
