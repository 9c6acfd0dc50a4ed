/**
 * Text printed into a page by `<%= %>` (views.ts): Eta's escaping of & < > " ', and a control
 * character that is not white space (NUL, ESC, DEL, the C1 range) shown as U+FFFD. HTML does not
 * allow those in a document (the parser reports each as an error, and a raw NUL is dropped or
 * mangled differently by each browser), and stored text may still hold one: an application named
 * before its name rule refused them (domain/application_name.ts), quoted on the /authorize error
 * page. Tab, line feed, form feed and carriage return stay: a textarea shows a list one per line.
 */
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** A control character (C0, DEL, C1) other than the four HTML counts as white space. */
const UNPRINTABLE = /(?![\t\n\f\r])\p{Cc}/gu;

export function escapeHtmlText(value: unknown): string {
  return String(value)
    .replace(/[&<>"']/g, (character) => ESCAPES[character]!)
    .replace(UNPRINTABLE, '\uFFFD');
}
