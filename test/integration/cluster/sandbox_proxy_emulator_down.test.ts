import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { SANDBOX_PATH } from '../../../src/upstream/sandbox_upstream.js';
import { useDefaultTenantApp } from '../http/app_fixture.js';
import { startEmulatorStandIn } from './emulator_stand_in.js';
import { appProxyingTo, TENANT_HOST } from './proxied_sandbox_app.js';

const CONSENT = `${SANDBOX_PATH}/accounts.google.com/o/oauth2/v2/auth`;
const NOT_ANSWERING = 'The sandbox emulator is not answering; try again in a moment.';

describe("a worker's /_sandbox when the emulator is down", () => {
  const fixture = useDefaultTenantApp();

  it('answers 503 temporarily_unavailable, a page for browsers, when nothing listens at the emulator address', async () => {
    const emulator = await startEmulatorStandIn();
    await emulator.close();
    const app = appProxyingTo(fixture(), emulator.url);

    const page = await request(app).get(CONSENT).set('Host', TENANT_HOST).set('Accept', 'text/html');
    expect(page.status).toBe(503);
    expect(page.type).toBe('text/html');
    expect(page.text).toContain(NOT_ANSWERING);
    expect(page.text).toContain('temporarily_unavailable');

    const json = await request(app).post(CONSENT).set('Host', TENANT_HOST).type('form').send('decision=approve');
    expect(json.status).toBe(503);
    expect(json.body).toEqual({ error: 'temporarily_unavailable', error_description: NOT_ANSWERING });
  });

  it('answers 503 after one more sending when the emulator stops as the worker reuses its connection', async () => {
    const emulator = await startEmulatorStandIn({ stopOnReuse: true });
    try {
      const app = appProxyingTo(fixture(), emulator.url);
      expect((await request(app).get(CONSENT).set('Host', TENANT_HOST)).status).toBe(200);

      const reused = await request(app).get(CONSENT).set('Host', TENANT_HOST).set('Accept', 'text/html');
      expect(emulator.dropped()).toBe(1);
      expect(reused.status).toBe(503);
      expect(reused.text).toContain(NOT_ANSWERING);
      expect(emulator.answered).toHaveLength(1);
    } finally {
      await emulator.close();
    }
  });
});
