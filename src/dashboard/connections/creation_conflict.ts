import type { ConnectionPlugin } from '../../connections/plugin.js';
import type { ConnectionConflictError } from '../../domain/connection_directory.js';

/**
 * What the settings page says when its first save may not create the plugin's connection
 * (domain/connection_directory.ts refused it): the rule's own words first, as the Management API
 * answers them, then what holds the name or the strategy and what the admin can do. The dashboard
 * names a new connection after its strategy and renames none, so a name another strategy's
 * connection holds (one the Management API created) is freed only by deleting that connection.
 */
export function creationConflictSentence(plugin: Pick<ConnectionPlugin, 'strategy' | 'displayName'>, conflict: ConnectionConflictError): string {
  const { holder } = conflict;
  if (conflict.rule === 'strategy_taken') {
    const which = holder ? ` "${holder.name}" (${holder.id})` : '';
    return `The ${plugin.displayName} connection${which} was created meanwhile, and fitgate keeps one connection per strategy in a tenant. Open this page again, which then shows that one, and save again; nothing was saved.`;
  }
  if (holder && holder.strategy !== plugin.strategy) {
    return (
      `${conflict.message}: "${holder.name}" is the name of the tenant's ${holder.strategy} connection (${holder.id}), and the ${plugin.displayName} connection is created under the name "${plugin.strategy}". ` +
      `A connection's name cannot change: delete that connection through the Management API (DELETE /api/v2/connections/${holder.id}, which deletes its users too) to set up ${plugin.displayName} here. Nothing was saved.`
    );
  }
  return `${conflict.message}: the ${plugin.displayName} connection was created meanwhile, by another save. Open this page again and save again; nothing was saved.`;
}
