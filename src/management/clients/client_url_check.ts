import { firstApplicationUrlProblem, type ApplicationUrlLists } from '../../domain/application_urls.js';
import type { Client } from '../../domain/types.js';
import { BadRequestError } from '../../errors/index.js';
import type { UpdateClientBody } from './client_schemas.js';

// Enough of a refused value to recognise it; the index says which one it was.
const SHOWN_CHARACTERS = 200;

/**
 * Refuses the first URL that breaks the application URL rule, in Auth0's payload-validation words,
 * naming the field and index ("... on property callbacks.0.").
 */
export function assertApplicationUrls(lists: ApplicationUrlLists): void {
  const found = firstApplicationUrlProblem(lists);
  if (!found) return;
  throw new BadRequestError(`Payload validation error: '${refusedUrlText(found.value, found.problem)}' on property ${found.field}.${found.index}.`, 'invalid_body');
}

/**
 * "<url> <problem>", as every refused URL is worded in the API. An empty value (or one of spaces only,
 * trimmed: writtenUrl) has nothing to quote, so it is named instead: "The URL is empty".
 */
export function refusedUrlText(value: string, problem: string): string {
  if (value === '') return `The URL ${problem}`;
  const shown = value.length > SHOWN_CHARACTERS ? `${value.slice(0, SHOWN_CHARACTERS)}…` : value;
  return `${shown} ${problem}`;
}

/**
 * The lists a PATCH must satisfy: those it sends, and the redirect URLs too when it changes the
 * application's type (a native app's custom scheme is no longer allowed once it is a web app).
 * Lists it leaves alone are not re-checked, so a rename is not refused over a URL stored before the
 * rule; such a URL is refused where it would be followed instead.
 */
export function urlsChangedBy(body: UpdateClientBody, before: Client, after: Client): ApplicationUrlLists {
  const typeChanged = after.appType !== before.appType;
  return {
    appType: after.appType,
    ...((body.callbacks || typeChanged) && { callbacks: after.callbacks }),
    ...((body.allowed_logout_urls || typeChanged) && { allowedLogoutUrls: after.allowedLogoutUrls }),
    ...(body.web_origins && { webOrigins: after.webOrigins ?? [] }),
    ...(body.allowed_origins && { allowedOrigins: after.allowedOrigins ?? [] }),
  };
}
