/**
 * Plain instructions (a plugin's setup steps) with their https:// addresses made into real links,
 * as segments for a template to print (each escaped): the console an admin must open is one click
 * away. `except` stays text: the callback URL is to be copied, not visited. So does an address with
 * a placeholder in it (…/googlehealth.AREA.readonly, …/{id}, …/<name>): it names a pattern to fill
 * in, and as a link it would lead to an error page.
 */
export type TextSegment = { text: string } | { text: string; href: string };

const URL_PATTERN = /https:\/\/[^\s)"]+[^\s)".,;:]/g;
/** A part of an address written as a placeholder: a whole word in capitals (AREA, TENANT_NAME), or in braces or angle brackets. */
const PLACEHOLDER = /(?:^|[./=&?#-])[A-Z][A-Z_]+(?=$|[./=&?#-])|[{}<>]/;

export function linkedText(text: string, except: readonly string[] = []): TextSegment[] {
  const segments: TextSegment[] = [];
  let at = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0];
    if (except.includes(url) || PLACEHOLDER.test(url.slice('https://'.length))) continue;
    if (match.index > at) segments.push({ text: text.slice(at, match.index) });
    segments.push({ text: url, href: url });
    at = match.index + url.length;
  }
  if (at < text.length) segments.push({ text: text.slice(at) });
  return segments;
}
