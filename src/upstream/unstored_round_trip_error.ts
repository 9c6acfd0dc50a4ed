/**
 * A connection's strategy sent the browser upstream without keeping the round trip through the
 * state store the host gave it (`options.store`): the callback would find no record and fail as an
 * expired login, after the user went through the upstream's pages for nothing. A fault of the
 * plugin, not of the upstream, so no plugin failure (it has no `kind`): the client gets fitgate's
 * own server_error rather than "<upstream> refused the login", the log has this message, and TRY
 * shows it to the admin as a failure that is no upstream's.
 */
export class UnstoredRoundTripError extends Error {
  constructor(strategy: string) {
    super(`The ${strategy} strategy sent the browser upstream without storing the login's state through the store fitgate gave it (options.store).`);
    this.name = 'UnstoredRoundTripError';
  }
}
