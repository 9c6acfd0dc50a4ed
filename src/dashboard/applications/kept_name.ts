/**
 * The name the settings form saves. The name rule refuses a line break now, on both sides
 * (domain/application_name.ts), but a name stored before it may hold one ("Run\nClub"), which the
 * form's one-line input cannot: browsers strip CR and LF from its value (HTML's value sanitization
 * for text inputs), so that application's page submits "RunClub". A submitted name that is exactly
 * the stored one as the input showed it is the name left alone, and keeps the stored one: saving the
 * callbacks never renames the application. A name the admin did change is saved as typed.
 */
export function keptName(stored: string, submitted: string): string {
  return submitted === asTheInputShowsIt(stored) ? stored : submitted;
}

function asTheInputShowsIt(name: string): string {
  return name.replace(/[\r\n]/g, '').trim();
}
