/**
 * What a person sees for each kind of failure: a heading that says what happened and advice that
 * says what to do. The error's own description (when it may be shown) goes between the two.
 */
export interface ErrorPageText {
  title: string;
  advice: string;
}

const BY_STATUS: Readonly<Record<number, ErrorPageText>> = {
  400: {
    title: 'This request cannot be completed',
    advice:
      'Go back and try again. If an application sent you here, it asked for something fitgate does not accept: tell its developer what this page says.',
  },
  401: { title: 'Sign-in needed', advice: 'Sign in again, then retry what you were doing.' },
  403: {
    title: 'Not allowed',
    advice: 'Your account may not do this. Ask an administrator of this tenant if you think it should.',
  },
  404: {
    title: 'Page not found',
    advice: 'Check the address for typos. Each tenant has its own address, such as https://NAME.example.com/.',
  },
  // Outside the dashboard, a person meets it after an application's form post (form_post, a logout form), not a form of their own.
  413: {
    title: 'Request too large',
    advice: 'Go back and try again. If an application sent you here, it sent more than fitgate accepts: tell its developer what this page says.',
  },
  415: { title: 'This request cannot be read', advice: 'Send the form again from its page. If an application sent you here, tell its developer what this page says.' },
  429: { title: 'Too many attempts', advice: 'Wait a little and try again.' },
  // No estimate of its own: each 503's description says when to try again (seconds for a store out
  // of reach, minutes for a full one, the upstream's Retry-After), and a second one would contradict it.
  503: {
    title: 'Temporarily unavailable',
    advice: 'Reload this page to try again. If it keeps failing, tell the administrator of this site.',
  },
};

const SERVER_ERROR: ErrorPageText = {
  title: 'Something went wrong on our side',
  advice: 'Try again in a moment. If it keeps happening, give the administrator the reference below.',
};

/**
 * The dashboard's refusals come from its own pages and forms, never from an application: their
 * advice speaks to the admin who pressed something.
 */
const DASHBOARD_BY_STATUS: Readonly<Record<number, ErrorPageText>> = {
  400: { title: 'This request cannot be completed', advice: 'Go back, reload the page and try again.' },
  413: { title: 'This form is too large', advice: 'Nothing was changed. Go back, shorten what you entered and send the form again.' },
  415: { title: 'This request cannot be read', advice: 'Go back, reload the page and send the form again.' },
};

/**
 * A dashboard address whose query the page refuses (a page number, a log type typed or bookmarked
 * wrong): no form was involved, so "reload the page" would only show the same refusal again.
 */
const DASHBOARD_BY_CODE: Readonly<Record<string, ErrorPageText>> = {
  invalid_query_string: {
    title: 'This address cannot be shown',
    advice: 'Correct that part of the address, or open the page again from the menu.',
  },
};

export function errorPageText(status: number, audience: 'visitor' | 'admin' = 'visitor', code?: string): ErrorPageText {
  if (status >= 500 && status !== 503) return SERVER_ERROR;
  const forAdmin = audience === 'admin' ? ((code === undefined ? undefined : DASHBOARD_BY_CODE[code]) ?? DASHBOARD_BY_STATUS[status]) : undefined;
  return forAdmin ?? BY_STATUS[status] ?? BY_STATUS[status >= 500 ? 503 : 400] ?? SERVER_ERROR;
}
