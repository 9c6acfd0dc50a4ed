import { InvalidRequestError, OAuthError } from '../../../errors/index.js';

/**
 * The consent page's address or answer names no request waiting in this browser's session for its
 * sign-in: expired, answered already, asked in another browser, or the person signed out or someone
 * else signed in since. Answered with a page, never at a redirect_uri: nothing ties the request to
 * an application fitgate could trust to send it to.
 */
export class ConsentNotPendingError extends InvalidRequestError {
  constructor() {
    super('This request for your permission has expired, was already answered, or was started in another browser or by another sign-in.');
  }

  // Nobody asked for anything wrong, so a 400's "tell its developer" would send the person the wrong way.
  override get pageText(): { title: string; advice: string } {
    return {
      title: 'Nothing is waiting for your answer',
      advice: 'Go back to the application and carry on there. If it does not show you as signed in, log in again from it: you will be asked again if it still needs your permission.',
    };
  }
}

/**
 * An answer without the consent form's own token: sent from another page or site, or by a form
 * older than the request. Refused without spending the request, so the person's own form still works.
 */
export class ConsentFormRefusedError extends OAuthError {
  readonly status = 403;
  readonly code = 'invalid_request';

  constructor() {
    super('The answer was sent without the security token of the page that asked for it (it may come from another site). Nothing was sent to the application.');
  }

  override get pageText(): { title: string; advice: string } {
    return { title: 'This form has expired', advice: 'Go back, reload the page that asked for your permission, and answer again.' };
  }
}
