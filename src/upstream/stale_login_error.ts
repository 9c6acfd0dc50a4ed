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

  // Nothing the person or the application asked for was wrong, so a 400's "tell its developer"
  // would send them the wrong way. A browser that refuses cookies lands here on every attempt (the
  // callback takes a login only from the browser whose cookie names it), so the advice names that.
  override get pageText(): { title: string; advice: string } {
    return {
      title: 'This login could not be finished',
      advice:
        'If this page comes back every time, this browser may be blocking cookies from this site: logging in needs them. ' +
        'Allow cookies for this site, then log in again from the application.',
    };
  }
}
