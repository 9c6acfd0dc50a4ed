/**
 * The name the settings form saves. Auth0's name rule, and so the Management API's, allows a line
 * break ("Run\nClub"), but the form's one-line input cannot hold one: browsers strip CR and LF from
 * its value (HTML's value sanitization for text inputs), so that application's page submits
 * "RunClub". A submitted name that is exactly the stored one as the input showed it is the name left
 * alone, and keeps the stored one: saving the callbacks never renames the application. A name the
 * admin did change is saved as typed.
 */
export function keptName(stored: string, submitted: string): string {
  return submitted === asTheInputShowsIt(stored) ? stored : submitted;
}

function asTheInputShowsIt(name: string): string {
  return name.replace(/[\r\n]/g, '').trim();
}
