/**
 * A connection's strategy sent the browser upstream without keeping the round trip through the
 * state store the host gave it (`options.store`): the callback would find no record and fail as an
 * expired login, after the user went through the upstream's pages for nothing. A plugin failure of
 * kind `bad_response` (domain/read_plugin_failure.ts reads `kind` and `message`), so a login and a
 * TRY read it as every other broken answer: the client gets server_error, the admin this message.
 */
export class UnstoredRoundTripError extends Error {
  readonly kind = 'bad_response';

  constructor(strategy: string) {
    super(`The ${strategy} strategy sent the browser upstream without storing the login's state through the store fitgate gave it (options.store).`);
    this.name = 'UnstoredRoundTripError';
  }
}
