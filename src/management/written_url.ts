import { z } from 'zod';
import { urlCharactersProblem, writtenUrl } from '../domain/application_urls.js';
import { unstorableCharacterProblem } from '../domain/storable_text.js';
import { refusedUrlText } from './clients/client_url_check.js';

/**
 * A URL of a body (an application's callback, logout URL, origin, logo or login URI, back-channel
 * logout URL; a tenant's logout URL) as the dashboard reads it: without the white space around it
 * (writtenUrl). The URL rule is checked after, once the application's type is known
 * (client_url_check.ts, client_settings.ts), except for a URL holding a NUL: the rule for stored
 * text (validation.ts) would refuse it first, in its own words, so it is refused here in the URL
 * rule's ("<url> must not contain spaces, control characters or backslashes"), as the dashboard
 * words the same URL.
 */
export const writtenUrlSchema = z.string().transform((value, context) => {
  const written = writtenUrl(value);
  const problem = unstorableCharacterProblem(written) && urlCharactersProblem(written);
  if (!problem) return written;
  context.addIssue({ code: 'custom', message: refusedUrlText(written, problem) });
  return z.NEVER;
});
