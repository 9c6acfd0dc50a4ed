import { describe, expect, it } from '@jest/globals';
import { GOOGLE_HEALTH, buildAuthorizeUrl } from '../../support/emulator.js';
import { useEmulator } from '../../support/use_emulator.js';

const emulator = useEmulator({ resetAfterEach: false });

/** Reads the consent page's form the way a browser would submit it. */
async function openConsent(url: string): Promise<{ html: string; action: string; transaction: string; headers: Headers }> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const html = await response.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const transaction = /name="transaction" value="([^"]+)"/.exec(html)?.[1];
  if (!action || !transaction) throw new Error('no consent form on the page');
  return { html, action, transaction, headers: response.headers };
}

async function submit(action: string, fields: [string, string][]): Promise<Response> {
  return fetch(new URL(action, emulator.url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
    redirect: 'manual',
  });
}

describe('consent page', () => {
  it('shows a labelled user picker, one labelled checkbox per scope, Allow and Deny, and no script', async () => {
    const { html, headers } = await openConsent(buildAuthorizeUrl(emulator.url, 'fitbit-legacy', { scope: 'activity profile sleep' }));
    expect(html).toContain('<label for="user">');
    for (const scope of ['activity', 'profile', 'sleep']) expect(html).toContain(`value="${scope}" checked`);
    const checkboxIds = [...html.matchAll(/type="checkbox" id="([^"]+)"/g)].map((match) => match[1]);
    expect(checkboxIds).toHaveLength(3);
    for (const id of checkboxIds) expect(html).toContain(`<label for="${id}">`);
    expect(html).toContain('value="approve">Allow</button>');
    expect(html).toContain('value="deny">Deny</button>');
    expect(html).not.toMatch(/<script/i);
    expect(headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('lists Google\'s sign-in scopes as always shared and offers checkboxes only for Health scopes', async () => {
    const { html } = await openConsent(buildAuthorizeUrl(emulator.url, 'google-health'));
    // Named in words, as Google's screen does.
    expect(html).toContain('<li>Associate you with your personal info on Google</li>');
    expect(html).not.toContain('value="openid"');
    expect(html).toContain(`value="${GOOGLE_HEALTH}activity_and_fitness.readonly" checked`);
  });

  it('redirects with a code for the scopes left ticked when the person allows', async () => {
    const url = buildAuthorizeUrl(emulator.url, 'fitbit-legacy', { scope: 'activity profile', state: 'xyz' });
    const { action, transaction } = await openConsent(url);
    const response = await submit(action, [
      ['transaction', transaction],
      ['user', 'bob'],
      ['scope', 'activity'],
      ['decision', 'approve'],
    ]);
    expect(response.status).toBe(303);
    const location = response.headers.get('location') ?? '';
    expect(location).toMatch(/^http:\/\/localhost:3000\/login\/callback\?code=[^&]+&state=xyz#_=_$/);
  });

  it('redirects with error=access_denied and the state when the person denies', async () => {
    const { action, transaction } = await openConsent(buildAuthorizeUrl(emulator.url, 'google-health', { state: 'abc' }));
    const response = await submit(action, [
      ['transaction', transaction],
      ['user', 'alice'],
      ['decision', 'deny'],
    ]);
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('abc');
    expect(location.searchParams.has('code')).toBe(false);
  });

  it('accepts each form only once', async () => {
    const { action, transaction } = await openConsent(buildAuthorizeUrl(emulator.url, 'fitbit-legacy'));
    const fields: [string, string][] = [
      ['transaction', transaction],
      ['user', 'alice'],
      ['decision', 'approve'],
    ];
    expect((await submit(action, fields)).status).toBe(303);
    const again = await submit(action, fields);
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('expired or was already answered');
  });
});
