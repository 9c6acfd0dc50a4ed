import { invisibleCharacterProblem } from '../../domain/invisible_characters.js';

/**
 * The address an admin is invited at: something@domain.tld without spaces, within the limits of
 * RFC 5321 (4.5.3.1): 64 octets before the @ and 254 in all (the 256 of a path less its angle
 * brackets). No mail server delivers to a longer one, so an invitation to it could never be read.
 * The limits are in octets: a non-ASCII letter takes two or more in UTF-8, and the message then
 * counts bytes rather than characters. https://www.rfc-editor.org/rfc/rfc5321#section-4.5.3.1
 */
const SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const MAX_EMAIL_LOCAL_PART_OCTETS = 64;
export const MAX_EMAIL_OCTETS = 254;

/**
 * Why `email` cannot be invited, as a sentence for the form; undefined when it can. A character
 * that does not show (a NUL, a zero-width space, a bidirectional override: invisible_characters.ts)
 * is named first: no mail server delivers to it, and the account's address would look like another's.
 */
export function inviteEmailProblem(email: string): string | undefined {
  const invisible = invisibleCharacterProblem([...email]);
  if (invisible) return `The address ${invisible}: type it again, or copy it from somewhere else.`;
  if (!SHAPE.test(email)) return 'Enter an email address, such as name@example.com.';
  const local = email.slice(0, email.lastIndexOf('@'));
  if (octets(local) > MAX_EMAIL_LOCAL_PART_OCTETS) {
    return `An email address holds at most ${MAX_EMAIL_LOCAL_PART_OCTETS} characters before the @ (RFC 5321); this one has ${size(local)}.`;
  }
  if (octets(email) > MAX_EMAIL_OCTETS) return `An email address holds at most ${MAX_EMAIL_OCTETS} characters (RFC 5321); this one has ${size(email)}.`;
  return undefined;
}

function octets(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The size the limit is counted in: characters for ASCII, where the two agree, else bytes. */
function size(text: string): string {
  const bytes = octets(text);
  return bytes === text.length ? String(bytes) : `${bytes} bytes in UTF-8`;
}
