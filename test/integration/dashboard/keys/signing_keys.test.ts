import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { HOST, submitForm, useSignedInDashboard } from '../dashboard_harness.js';

describe('the dashboard signing keys page', () => {
  const dashboard = useSignedInDashboard();
  const page = '/manage/t/default/signing-keys';
  const keys = async () => (await dashboard.harness().store.tenants.get('default'))!.signingKeys;
  const jwksKids = async () =>
    ((await request(dashboard.harness().app).get('/.well-known/jwks.json').set('Host', HOST).expect(200)).body.keys as { kid: string }[]).map((key) => key.kid);

  it('rotates on a confirmed POST and redirects (Post/Redirect/Get); refuses an unconfirmed one', async () => {
    const before = await keys();
    const next = before.find((key) => key.status === 'next')!;
    const listed = await dashboard.agent().get(page).expect(200);
    expect(listed.text).toContain(next.kid);
    expect(listed.text).toContain('Next in queue');

    const unconfirmed = await submitForm(dashboard.agent(), page, `${page}/rotate`, {});
    expect(unconfirmed.status).toBe(400);
    expect((await keys()).find((key) => key.status === 'current')!.kid).not.toBe(next.kid);

    const rotated = await submitForm(dashboard.agent(), page, `${page}/rotate`, { confirm: 'on' });
    expect(rotated.status).toBe(303);
    expect(String(rotated.headers.location)).toBe(`${page}?done=rotated`);
    expect((await keys()).find((key) => key.status === 'current')!.kid).toBe(next.kid);
  });

  it('shows when each key became current as a time, not a raw timestamp', async () => {
    const current = (await keys()).find((key) => key.status === 'current')!;
    const { text } = await dashboard.agent().get(page).expect(200);
    expect(text).toContain(`<time datetime="${new Date(current.currentSince!).toISOString()}"`);
    expect(text).not.toContain(`<td>${current.currentSince}</td>`);
  });

  it('lists the keys as a table a phone shows as cards, each cell labelled, the action cell empty where there is none', async () => {
    const { text } = await dashboard.agent().get(page).expect(200);
    // "wide": cards too where the sidebar leaves the five columns too little room.
    expect(text).toContain('<table class="stack wide">');
    for (const label of ['Key id (kid)', 'State', 'Current since', 'Current until']) {
      expect(text.match(new RegExp(`<td data-label="${label.replace(/[()]/g, '\\$&')}"( class="[a-z ]+")?>`, 'g'))).toHaveLength((await keys()).length);
    }
    expect(text).toMatch(/<td class="span"><\/td>/);
  });

  it('marks the revocation box refused and described by its error when left unticked', async () => {
    const previous = (await keys()).find((key) => key.status === 'previous')!;
    const refused = await submitForm(dashboard.agent(), page, `${page}/${encodeURIComponent(previous.kid)}/revoke`, {});
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(`<input type="checkbox" name="confirm" required aria-invalid="true" aria-describedby="revoke-${previous.kid}-error">`);
    expect(refused.text).toContain(`<p class="field-error" id="revoke-${previous.kid}-error">Tick the box to confirm the revocation.</p>`);
  });

  it('revokes a previous key, which leaves the JWKS at once', async () => {
    const previous = (await keys()).find((key) => key.status === 'previous')!;
    expect(await jwksKids()).toContain(previous.kid);
    const shown = await dashboard.agent().get(page).expect(200);
    expect(shown.text).toContain(`action="${page}/${encodeURIComponent(previous.kid)}/revoke"`);

    const revoked = await submitForm(dashboard.agent(), page, `${page}/${encodeURIComponent(previous.kid)}/revoke`, { confirm: 'on' });
    expect(revoked.status).toBe(303);
    expect(await jwksKids()).not.toContain(previous.kid);
    expect((await keys()).find((key) => key.kid === previous.kid)).toMatchObject({ status: 'revoked' });
  });

  it('refuses a POST without the CSRF token', async () => {
    const forged = await dashboard.agent().post(`${page}/rotate`).set('Host', HOST).type('form').send({ confirm: 'on' });
    expect(forged.status).toBe(403);
  });
});
