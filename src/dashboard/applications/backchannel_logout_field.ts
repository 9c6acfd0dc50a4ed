import { calledUrlProblem, writtenCalledUrlProblem, writtenUrl } from '../../domain/application_urls.js';
import type { CalledUrlReach } from '../../domain/called_url_reach.js';
import { MAX_BACKCHANNEL_LOGOUT_URLS, TOO_MANY_BACKCHANNEL_LOGOUT_URLS } from '../../domain/backchannel_logout_urls.js';
import type { Client } from '../../domain/types.js';
import type { FormBody } from '../form_fields.js';
import type { UrlListResult } from './url_list.js';

/** The settings form's Back-Channel Logout URL as posted: the text to show again, and its verdict. */
export interface BackchannelLogoutField {
  text: string;
  result: UrlListResult;
}

export const BACKCHANNEL_LOGOUT_FIELD = 'backchannel_logout_urls';

/**
 * The field as the form carried it, or undefined when the form did not carry it at all: the page of a
 * machine-to-machine application has no such field, nor does one rendered before it existed, and
 * reading their silence as "left empty" would wipe a URL set through the Management API. A browser
 * sends a field left empty as an empty value, which clears the URL.
 *
 * One URL, as the Management API takes (MAX_BACKCHANNEL_LOGOUT_URLS, its words when a forged post
 * repeats the field), read and held to the same rule (writtenUrl, writtenCalledUrlProblem): https,
 * or plain http on localhost or a literal loopback address, since fitgate calls it itself, this host
 * or a private network only where `reach` allows, and in the form the other application URLs are
 * written in.
 */
export function backchannelLogoutField(body: FormBody, reach: CalledUrlReach): BackchannelLogoutField | undefined {
  const value = body?.[BACKCHANNEL_LOGOUT_FIELD];
  const values = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
  if (values === undefined) return undefined;
  const entries = values.map(writtenUrl).filter(Boolean);
  const text = entries.join(' ');
  if (entries.length > MAX_BACKCHANNEL_LOGOUT_URLS) return { text, result: { ok: false, message: `${TOO_MANY_BACKCHANNEL_LOGOUT_URLS}.` } };
  const [url] = entries;
  const problem = url === undefined ? undefined : writtenCalledUrlProblem(url, reach);
  if (problem) return { text, result: { ok: false, message: `${url}: ${problem}.` } };
  return { text, result: { ok: true, urls: entries } };
}

/** The stored URL as the field shows it. */
export function storedBackchannelLogoutText(client: Client): string {
  return (client.oidcLogout?.backchannelLogoutUrls ?? []).join(' ');
}

/**
 * A stored URL fitgate refuses to call (saved before the rule, or before the operator turned
 * FITGATE_BACKCHANNEL_ALLOW_INTERNAL off), to show next to the field; undefined when there is none.
 */
export function storedBackchannelLogoutProblem(client: Client, reach: CalledUrlReach): string | undefined {
  for (const url of client.oidcLogout?.backchannelLogoutUrls ?? []) {
    const problem = calledUrlProblem(url, reach);
    if (problem) return `Saved earlier, and never called at logout until replaced: ${url}: ${problem}.`;
  }
  return undefined;
}
