/** What `typedText` puts where it cut the text. */
const CUT = '…';

/**
 * Text a visitor typed (an email address, a client_id), fit for a process log line that
 * security tools (fail2ban, a SIEM) match against: trimmed, each control character (a forged line
 * break) replaced with U+FFFD, and cut to `max` characters, so whatever is posted cannot make a line
 * of megabytes or a second line. Undefined, or nothing but spaces, stays undefined.
 */
export function typedText(value: string | undefined, max: number): string | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is replaced
  const printable = trimmed.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '\uFFFD');
  // By code point, so an emoji is never cut in half.
  const characters = Array.from(printable);
  return characters.length > max ? `${characters.slice(0, max - 1).join('')}${CUT}` : printable;
}
