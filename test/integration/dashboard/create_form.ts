import { csrfTokenOf, type Agent } from './dashboard_harness.js';

/** The one-time token of a rendered form (src/dashboard/form_once.ts): the first on the page. */
export function formTokenOf(html: string): string {
  const match = /name="_form" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('the page has no one-time form token field');
  return match[1];
}

/**
 * Opens a page with a create form, or any form with a one-time token (a rotation, Sign out
 * everywhere), as a browser does: the hidden fields its form is sent with.
 */
export async function openCreateForm(agent: Agent, page: string): Promise<{ _csrf: string; _form: string }> {
  const { text } = await agent.get(page).expect(200);
  return { _csrf: csrfTokenOf(text), _form: formTokenOf(text) };
}
