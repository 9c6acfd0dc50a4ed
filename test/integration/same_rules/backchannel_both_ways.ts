import { expect } from '@jest/globals';
import { TENANT, type BothWays } from './both_ways.js';
import { backchannelErrorOf, settingsForm } from '../dashboard/applications/backchannel_field.js';

/**
 * Setting an application's back-channel logout URL each way a user can: typed in the dashboard's
 * settings form, and sent to the Management API as oidc_logout.backchannel_logout_urls.
 */
export interface BackchannelBothWays {
  /** A new regular web application, made through the API; its client id. */
  newApplication(): Promise<string>;
  /** Types `value` in the dashboard; the refusal's message, or undefined when it saved. */
  typedInDashboard(clientId: string, value: string | string[]): Promise<string | undefined>;
  /** Sends `urls` to the Management API; the refusal's message, or undefined when it saved. */
  sentToApi(clientId: string, urls: string[]): Promise<string | undefined>;
  storedOidcLogout(clientId: string): Promise<unknown>;
}

export function backchannelBothWays(both: BothWays): BackchannelBothWays {
  const apps = `/manage/t/${TENANT}/applications`;

  async function newApplication(): Promise<string> {
    const created = await both.api('post', '/clients', { name: 'Back-channel', app_type: 'regular_web' }).expect(201);
    return String((created.body as { client_id: string }).client_id);
  }

  async function typedInDashboard(clientId: string, value: string | string[]): Promise<string | undefined> {
    const page = `${apps}/${encodeURIComponent(clientId)}`;
    const answer = await both.form(page, page, settingsForm('Back-channel', { backchannel_logout_urls: value }));
    if (answer.status === 303) return undefined;
    expect(answer.status).toBe(400);
    return backchannelErrorOf(answer.text);
  }

  async function sentToApi(clientId: string, urls: string[]): Promise<string | undefined> {
    const answer = await both.api('patch', `/clients/${encodeURIComponent(clientId)}`, { oidc_logout: { backchannel_logout_urls: urls } });
    if (answer.status === 200) return undefined;
    expect(answer.status).toBe(400);
    return (answer.body as { message: string }).message;
  }

  const storedOidcLogout = async (clientId: string) => (await both.harness().store.clients.get(TENANT, clientId))?.oidcLogout;

  return { newApplication, typedInDashboard, sentToApi, storedOidcLogout };
}

/** `reason` ("<url> <problem>", the API's) in the dashboard's words ("<url>: <problem>."). */
export function asShownInDashboard(url: string, reason: string): string {
  expect(reason.startsWith(`${url} `)).toBe(true);
  return `${url}: ${reason.slice(url.length + 1)}.`;
}
