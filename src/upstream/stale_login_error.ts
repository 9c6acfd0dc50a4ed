import { InvalidRequestError } from '../errors/index.js';

/**
 * The callback's state names no login this browser has in flight: unknown, expired, already used,
 * started in another browser, or (passport's own check, round_trip.ts's `state_rejected`) not the
 * state of the login taken for it. Whatever the cause, no client's request can be trusted to belong
 * to this callback, so it is answered with a page, never at a redirect_uri: as Auth0 answers a state
 * it cannot match. Here, below the surfaces, because a login (authn/) and a failed TRY (dashboard/)
 * read such a state alike.
 */
export class StaleLoginError extends InvalidRequestError {
  constructor() {
    super(
      'This login link has expired, was already used, or was started in another browser. ' +
        'Go back to the application and log in again.',
    );
  }
}
