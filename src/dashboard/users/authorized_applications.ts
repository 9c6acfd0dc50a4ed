import type { ClientRepository } from '../../domain/ports.js';
import { scopesInWords, type ScopeInWords } from '../../domain/scope_words.js';
import type { User } from '../../domain/types.js';
import { userGrantId } from '../../domain/user_grants.js';

/** One row of a user's Authorized applications: a grant the person gave on the consent page. */
export interface AuthorizedApplication {
  /** The grant's id, as /api/v2/grants names it: what its Revoke form posts to. */
  readonly grantId: string;
  readonly clientId: string;
  /** The application's name; undefined when it was deleted since (the row then shows its client ID). */
  readonly name: string | undefined;
  /** In the consent page's own words, so the admin reads what the person was shown. */
  readonly scopes: readonly ScopeInWords[];
  /** When the person last allowed it (ISO 8601). */
  readonly grantedAt: string;
}

/**
 * The user's grants to third-party applications, most recently allowed first, each with its
 * application's name as stored now (the records come from the process's cache).
 */
export async function authorizedApplications(clients: Pick<ClientRepository, 'get'>, user: User): Promise<AuthorizedApplication[]> {
  const grants = [...(user.grants ?? [])].reverse();
  return Promise.all(
    grants.map(async (grant) => ({
      grantId: userGrantId(user, grant),
      clientId: grant.clientId,
      name: (await clients.get(user.tenant, grant.clientId))?.name,
      scopes: scopesInWords(grant.scope),
      grantedAt: grant.grantedAt,
    })),
  );
}
