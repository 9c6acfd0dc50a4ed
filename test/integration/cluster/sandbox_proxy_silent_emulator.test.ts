import { describe, expect, it } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { createApp } from '../../../src/app.js';
import { proxiedSandbox } from '../../../src/cluster/sandbox_proxy.js';
import { SANDBOX_PATH } from '../../../src/upstream/sandbox_upstream.js';
import { useDefaultTenantApp, type TestApp } from '../http/app_fixture.js';
import { startEmulatorStandIn } from './emulator_stand_in.js';
import { TENANT_HOST } from './proxied_sandbox_app.js';

const CONSENT = `${SANDBOX_PATH}/accounts.google.com/o/oauth2/v2/auth`;
const SILENCE_LIMIT_MS = 300;

function appWithSilenceLimit(fixture: TestApp, emulatorUrl: string): Express {
  const link = { sandbox: { url: emulatorUrl, credentials: [] }, allowSandboxCallback: async () => undefined };
  return createApp({ ...fixture.deps, sandbox: proxiedSandbox(fixture.config, fixture.store, link, SILENCE_LIMIT_MS) });
}

describe("a worker's /_sandbox when the emulator takes the request and never answers", () => {
  const fixture = useDefaultTenantApp();

  it('answers 503 temporarily_unavailable once the silence limit passes, and does not send the request again', async () => {
    const emulator = await startEmulatorStandIn({ silentOnReuse: true });
    try {
      const app = appWithSilenceLimit(fixture(), emulator.url);
      expect((await request(app).get(CONSENT).set('Host', TENANT_HOST)).status).toBe(200);

      // Sent on the kept-alive socket, where the emulator now stays silent.
      const answer = await request(app).post(CONSENT).set('Host', TENANT_HOST).type('form').send('decision=approve');

      expect(answer.status).toBe(503);
      expect(answer.body).toEqual({
        error: 'temporarily_unavailable',
        error_description: 'The sandbox emulator is not answering; try again in a moment.',
      });
      // A silent server may be handling the request: unlike a socket closed under it, it is not
      // sent again on a connection of its own.
      expect(emulator.connections()).toBe(1);
      expect(emulator.answered).toHaveLength(1);
    } finally {
      await emulator.close();
    }
  });
});
