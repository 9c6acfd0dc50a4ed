import type { PageResponse } from './compat_browser.js';

/**
 * Answers the emulator's consent page as a person would: picks the test user `user`, leaves every
 * permission ticked and presses Allow. Resolves with where the emulator then sends the browser
 * (fitgate's /login/callback). The emulator sets no cookies, so the form is posted directly; the
 * caller follows the address in its CompatBrowser.
 */
export async function allowOnConsentPage(page: PageResponse, user: string): Promise<URL> {
  const action = /<form method="post" action="([^"]+)"/.exec(page.text)?.[1];
  const transaction = /name="transaction" value="([^"]+)"/.exec(page.text)?.[1];
  if (!action || !transaction) throw new Error(`no consent form at ${page.url.href} (${page.status}): ${page.text.slice(0, 300)}`);
  if (!page.text.includes(`<option value="${user}"`)) throw new Error(`the consent page offers no test user ${user}`);
  const ticked = [...page.text.matchAll(/name="scope" value="([^"]+)" checked/g)].map((match) => unescapeHtml(match[1] ?? ''));
  const fields: [string, string][] = [['transaction', transaction], ['user', user], ...ticked.map((scope): [string, string] => ['scope', scope]), ['decision', 'approve']];
  const form = new URLSearchParams(fields);
  const target = new URL(unescapeHtml(action), page.url);
  const response = await fetch(target, { method: 'POST', body: form, redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status < 300 || response.status >= 400 || !location) {
    throw new Error(`the consent page's Allow answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  }
  return new URL(location, target);
}

function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_match, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[entity] ?? '');
}
