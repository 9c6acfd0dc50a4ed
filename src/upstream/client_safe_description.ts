// RFC 6749 §4.1.2.1 and §5.2: error_description is limited to %x20-21 / %x23-5B / %x5D-7E.
const OUTSIDE_ERROR_DESCRIPTION = /[^\x20\x21\x23-\x5B\x5D-\x7E]+/g;

/** Past this a description stops being a sentence a client can show a person. */
export const MAX_DESCRIPTION_LENGTH = 400;

/**
 * A plugin's sentence made fit for an OAuth error_description: characters the RFC does not allow
 * there become spaces, and an overlong one is cut at a word. Undefined when nothing is left.
 */
export function clientSafeDescription(text: string | undefined): string | undefined {
  const safe = (text ?? '').replace(OUTSIDE_ERROR_DESCRIPTION, ' ').replace(/ {2,}/g, ' ').trim();
  if (safe === '') return undefined;
  if (safe.length <= MAX_DESCRIPTION_LENGTH) return safe;
  const cut = safe.slice(0, MAX_DESCRIPTION_LENGTH - 3);
  const atWord = cut.lastIndexOf(' ');
  return `${atWord > 0 ? cut.slice(0, atWord) : cut}...`;
}
