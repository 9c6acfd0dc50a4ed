import { distinctUrls, MAX_APPLICATION_URLS, writtenOriginProblem, writtenRedirectUrlProblem, writtenUrl } from '../../domain/application_urls.js';
import type { AppType } from '../../domain/types.js';

/**
 * URL lists as an admin types them: one per line, each without the white space around it (writtenUrl,
 * as the Management API reads its entries), blank lines dropped (a textarea's spacing, not an entry:
 * an empty entry sent to the API is refused as "is empty"). Only a line break separates them: a
 * comma belongs in a URL (https://app.example/cb?ids=1,2), and the Management API stores such URLs,
 * so splitting on commas would refuse or split what the API stored once the settings are saved. Each
 * entry must pass the application URL rule for a written URL (domain/application_urls.ts), as in the
 * Management API, and the list is stored and counted as the API stores and counts it (repeats dropped,
 * at most MAX_APPLICATION_URLS); the message names the first entry that breaks the rule.
 */
export type UrlListResult = { ok: true; urls: string[] } | { ok: false; message: string };

/** Allowed Callback URLs and Allowed Logout URLs. */
export function parseUrlList(text: string, appType: AppType): UrlListResult {
  return parseList(text, (entry) => writtenRedirectUrlProblem(entry, appType));
}

/** Allowed Web Origins and Allowed Origins (CORS). */
export function parseOriginList(text: string): UrlListResult {
  return parseList(text, writtenOriginProblem);
}

function parseList(text: string, problemOf: (entry: string) => string | undefined): UrlListResult {
  const entries = text
    .split(/\r?\n|\r/)
    .map(writtenUrl)
    .filter(Boolean);
  for (const entry of entries) {
    const problem = problemOf(entry);
    // Auth0's own dashboard takes these lists comma-separated: say where a list typed that way goes wrong.
    if (problem) return { ok: false, message: `${entry}: ${problem}.${entry.includes(',') ? ' Put each URL on a line of its own.' : ''}` };
  }
  const urls = distinctUrls(entries);
  if (urls.length > MAX_APPLICATION_URLS) return { ok: false, message: `List at most ${MAX_APPLICATION_URLS} URLs; this list has ${urls.length}.` };
  return { ok: true, urls };
}
