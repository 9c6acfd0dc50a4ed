import type { ClientRepository } from '../../domain/ports.js';
import type { Client } from '../../domain/types.js';
import { isPublicClient } from '../../domain/client_confidentiality.js';
import { verifyClientSecret } from '../../domain/clients.js';
import { InvalidClientError } from '../../errors/index.js';
import { basicFailure, type PresentedClientCredentials } from './client_credentials.js';
import { hasSurroundingWhitespace, unknownClientDescription, wrongSecretDescription } from './copied_whitespace.js';

/**
 * The client the credentials prove, within this tenant only (a client id of another tenant is simply
 * unknown here). Confidential clients must present their secret, by Basic or in the body; public
 * clients must not present one, and prove possession of their code with PKCE instead. An unknown
 * client and a wrong secret get the same answer, so it cannot be used to learn which client ids exist;
 * only whitespace around a credential, read from what was presented, is named (copied_whitespace.ts).
 * The client is never the copy a process keeps through a store outage (record_cache.ts): cut off
 * alone, it could still hold a secret rotated meanwhile. An unreachable store fails the request
 * (503 temporarily_unavailable) instead.
 */
export async function authenticateClient(
  clients: ClientRepository,
  tenant: string,
  credentials: PresentedClientCredentials,
): Promise<Client> {
  const failure = (description: string) =>
    credentials.method === 'client_secret_basic' ? basicFailure(description) : new InvalidClientError(description);

  const client = await clients.get(tenant, credentials.clientId);
  if (!client) throw failure(unknownClientDescription(credentials.clientId));

  if (isPublicClient(client)) {
    if (credentials.method !== 'none') throw failure('this client is public and authenticates without a secret');
    return client;
  }
  if (credentials.clientSecret === undefined) throw failure('this client must authenticate with its client secret');
  const secret = credentials.clientSecret;
  if (!verifyClientSecret(client, secret)) {
    throw failure(wrongSecretDescription(hasSurroundingWhitespace(secret) && verifyClientSecret(client, secret.trim())));
  }
  return client;
}
