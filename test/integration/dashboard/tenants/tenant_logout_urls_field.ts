import { TENANT, type BothWays } from '../../same_rules/both_ways.js';

/**
 * The tenant settings page's Allowed Logout URLs, read as a browser would: the textarea's tag, its
 * text (entities decoded) and the error shown next to it; and the page's form as a browser posts it.
 */
export const SETTINGS_PAGE = `/manage/t/${TENANT}/settings`;

export function logoutUrlsTextareaOf(html: string): string | undefined {
  return /<textarea id="allowed_logout_urls"[^>]*>/.exec(html)?.[0];
}

export function logoutUrlsTextOf(html: string): string | undefined {
  const text = /<textarea id="allowed_logout_urls"[^>]*>([^<]*)<\/textarea>/.exec(html)?.[1];
  return text === undefined ? undefined : decode(text);
}

export function logoutUrlsErrorOf(html: string): string | undefined {
  const text = /<p class="field-error" id="allowed_logout_urls-error">([^<]*)<\/p>/.exec(html)?.[1];
  return text === undefined ? undefined : decode(text);
}

/**
 * What a browser submits for the page left as rendered: each lifetime input's value and the
 * textarea's text, its line breaks sent as CRLF.
 */
export function settingsFormAsRendered(html: string): Record<string, string> {
  const form: Record<string, string> = {};
  for (const field of ['inactivity_timeout', 'require_log_in_after']) {
    const value = new RegExp(`<input id="${field}"[^>]* value="([^"]*)"`).exec(html)?.[1];
    if (value === undefined) throw new Error(`no <input id="${field}"> with a value in the page`);
    form[field] = decode(value);
  }
  const text = logoutUrlsTextOf(html);
  if (text !== undefined) form.allowed_logout_urls = text.replace(/\r?\n/g, '\r\n');
  return form;
}

/** Sets the tenant's session lifetimes and its list through the Management API, as each test starts from. */
export async function settingsSetThroughApi(both: BothWays, urls: string[]): Promise<void> {
  await both.api('patch', '/tenants/settings', { idle_session_lifetime: 48, session_lifetime: 120, allowed_logout_urls: urls }).expect(200);
}

/** The list the Management API answers now. */
export async function answeredLogoutUrls(both: BothWays): Promise<unknown> {
  return ((await both.api('get', '/tenants/settings').expect(200)).body as { allowed_logout_urls?: unknown }).allowed_logout_urls;
}

function decode(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#34|#39);/g, (_entity, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#34': '"', '#39': "'" })[name]!);
}
