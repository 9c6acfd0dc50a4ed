import { describe, expect, it } from '@jest/globals';
import { verifyClientSecret } from '../../../src/domain/clients.js';
import { submitForm, useSignedInDashboard } from './dashboard_harness.js';

/**
 * Post/Redirect/Get: a dashboard POST that changes something answers with a redirect, so reloading
 * the page that follows repeats nothing. A one-time secret survives that redirect for one view.
 */
describe('reloading after a dashboard form', () => {
  const dashboard = useSignedInDashboard();
  const list = '/manage/t/default/applications';
  const applicationCount = async () => (await dashboard.harness().store.clients.list('default', { page: 0, perPage: 100 })).total;
  const secretOn = (html: string) => /id="client-secret">([^<]+)</.exec(html)?.[1];

  it('creates one application however often the page after "Create" is reloaded, and shows its secret once', async () => {
    const before = await applicationCount();
    const posted = await submitForm(dashboard.agent(), `${list}/new`, list, { name: 'Reloaded', app_type: 'regular_web' });
    expect(posted.status).toBe(303);
    const location = String(posted.headers.location);
    expect(location).toMatch(new RegExp(`^${list}/[A-Za-z0-9_-]+/credentials$`));

    const shown = await dashboard.agent().get(location).expect(200);
    const secret = secretOn(shown.text);
    expect(secret).toBeDefined();
    expect(shown.headers['cache-control']).toBe('no-store');

    const reloaded = await dashboard.agent().get(location).expect(303);
    expect(String(reloaded.headers.location)).toBe(location.replace(/\/credentials$/, ''));
    const settings = await dashboard.agent().get(String(reloaded.headers.location)).expect(200);
    expect(settings.text).not.toContain(secret!);
    expect(await applicationCount()).toBe(before + 1);
  });

  it('asks for confirmation before rotating a secret, and rotates once however often the result is reloaded', async () => {
    const posted = await submitForm(dashboard.agent(), `${list}/new`, list, { name: 'Rotated once', app_type: 'regular_web' });
    const created = await dashboard.agent().get(String(posted.headers.location)).expect(200);
    const clientId = /id="client-id">([^<]+)</.exec(created.text)![1]!;
    const firstSecret = secretOn(created.text)!;
    const page = `${list}/${clientId}`;

    const settings = await dashboard.agent().get(page).expect(200);
    expect(settings.text).not.toContain(`action="${page}/rotate-secret"`);
    expect(settings.text).toContain(`href="${page}/rotate-secret"`);
    const confirmation = await dashboard.agent().get(`${page}/rotate-secret`).expect(200);
    expect(confirmation.text).toMatch(/<input type="checkbox" name="confirm" required/);

    const unconfirmed = await submitForm(dashboard.agent(), `${page}/rotate-secret`, `${page}/rotate-secret`, {});
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.text).toContain('id="confirm-error"');
    expect(verifyClientSecret((await dashboard.harness().store.clients.get('default', clientId))!, firstSecret)).toBe(true);

    const confirmed = await submitForm(dashboard.agent(), `${page}/rotate-secret`, `${page}/rotate-secret`, { confirm: 'on' });
    expect(confirmed.status).toBe(303);
    expect(String(confirmed.headers.location)).toBe(`${page}/credentials`);
    const rotated = await dashboard.agent().get(`${page}/credentials`).expect(200);
    const newSecret = secretOn(rotated.text)!;
    expect(rotated.text).toContain('The client secret was rotated');
    const afterRotation = (await dashboard.harness().store.clients.get('default', clientId))!;
    expect(verifyClientSecret(afterRotation, newSecret)).toBe(true);

    await dashboard.agent().get(`${page}/credentials`).expect(303);
    const stored = (await dashboard.harness().store.clients.get('default', clientId))!;
    expect(stored.clientSecretHash).toBe(afterRotation.clientSecretHash);
  });

  it('shows an admin invitation link once, after the redirect that answers the form', async () => {
    const page = '/manage/t/default/admins';
    const posted = await submitForm(dashboard.agent(), page, page, { email: 'invitee@example.com' });
    expect(posted.status).toBe(303);
    expect(String(posted.headers.location)).toBe(page);
    const shown = await dashboard.agent().get(page).expect(200);
    expect(shown.text).toMatch(/id="set-password-link">http:\/\/localhost:3000\/manage\/set-password\/[A-Za-z0-9_-]{43}</);
    const reloaded = await dashboard.agent().get(page).expect(200);
    expect(reloaded.text).not.toContain('set-password-link');
  });
});
