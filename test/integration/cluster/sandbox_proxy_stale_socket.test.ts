import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { SANDBOX_PATH } from '../../../src/upstream/sandbox_upstream.js';
import { useDefaultTenantApp } from '../http/app_fixture.js';
import { startEmulatorStandIn, type EmulatorStandIn } from './emulator_stand_in.js';
import { appProxyingTo, TENANT_HOST } from './proxied_sandbox_app.js';

const CONSENT = `${SANDBOX_PATH}/accounts.google.com/o/oauth2/v2/auth`;
const NOT_ANSWERING = 'The sandbox emulator is not answering; try again in a moment.';

describe("a worker's /_sandbox when the emulator closed the kept-alive connection the worker reuses", () => {
  const fixture = useDefaultTenantApp();
  let emulator: EmulatorStandIn;
  beforeEach(async () => {
    emulator = await startEmulatorStandIn();
  });
  afterEach(() => emulator.close());

  it("sends a GET once more on a new connection and answers with the emulator's answer", async () => {
    const app = appProxyingTo(fixture(), emulator.url);
    expect((await request(app).get(`${CONSENT}?step=1`).set('Host', TENANT_HOST)).status).toBe(200);

    const reused = await request(app).get(`${CONSENT}?step=2`).set('Host', TENANT_HOST).set('Accept', 'text/html');
    expect(emulator.dropped()).toBe(1);
    expect(reused.status).toBe(200);
    expect(reused.body).toEqual({ method: 'GET', path: `${CONSENT}?step=2`, body: '' });
    expect(emulator.answered.map((answered) => answered.path)).toEqual([`${CONSENT}?step=1`, `${CONSENT}?step=2`]);
    expect(emulator.connections()).toBe(2);
  });

  it('does not send a consent form POST again once it reached the emulator whole: the browser gets the 503, the emulator saw it once', async () => {
    const app = appProxyingTo(fixture(), emulator.url);
    expect((await request(app).get(`${CONSENT}?step=1`).set('Host', TENANT_HOST)).status).toBe(200);

    // The emulator may have acted on the form before the connection broke: a second sending would act on it twice.
    const form = 'decision=approve&user=alice&state=s%20%C3%A9';
    const reused = await request(app).post(CONSENT).set('Host', TENANT_HOST).type('form').send(form);
    expect(emulator.dropped()).toBe(1);
    expect(reused.status).toBe(503);
    expect(reused.body).toEqual({ error: 'temporarily_unavailable', error_description: NOT_ANSWERING });
    expect(emulator.answered).toHaveLength(1);
    expect(emulator.connections()).toBe(1);
  });
});
