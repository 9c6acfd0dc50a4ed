import { TemporarilyUnavailableError } from '../errors/index.js';

/**
 * The connection has no upstream client of its own and the sandbox does not stand in for it (it is
 * off, or does not play that upstream or API): there is nothing to reach until an administrator
 * configures the credentials. A login answers it as it answers any temporarily_unavailable; TRY
 * tells the admin which settings to fill in, and tells no other failure so.
 */
export class ConnectionNotConfiguredError extends TemporarilyUnavailableError {}

/**
 * The connection's stored client secret cannot be opened: sealed under a master key that
 * FITGATE_MASTER_KEY no longer lists, or damaged. Not an AppError: no client is told of it (a login
 * answers a generic server_error and the log keeps the sealer's reason, the cause); TRY tells the
 * admin how to store the secret again.
 */
export class ConnectionSecretUnreadableError extends Error {}

/**
 * No plugin of this build serves the connection's strategy (one removed by an upgrade): an operator's
 * to fix. A login answers it as any temporarily_unavailable.
 */
export class NoPluginError extends TemporarilyUnavailableError {}
