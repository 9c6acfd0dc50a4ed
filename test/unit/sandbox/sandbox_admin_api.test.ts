import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { buildSandbox, sandboxHostApp } from '../../../src/sandbox/sandbox.js';

/** The sandbox answers on fitgate's public hosts: its emulator's control API must not. */
describe('the sandbox emulator on a public host', () => {
  const app = sandboxHostApp(buildSandbox(() => 'http://127.0.0.1:1/_sandbox', connectionPlugins()));

  it('does not expose the control API, which lists the sandbox apps with their secrets', async () => {
    // Express routes paths without regard to case, so every spelling must find nothing.
    for (const path of ['/_sandbox/_emulator/apps', '/_sandbox/_emulator', '/_sandbox/_emulator/reset', '/_sandbox/_EMULATOR/apps', '/_SANDBOX/_Emulator/apps']) {
      const response = await request(app).get(path);
      expect(response.status).toBe(404);
      expect(response.text).not.toContain('clientSecret');
    }
    for (const path of ['/_sandbox/_emulator/auto-consent', '/_sandbox/_Emulator/auto-consent']) {
      expect((await request(app).post(path).send({ user: 'alice', decision: 'approve' })).status).toBe(404);
    }
  });

  it('still serves the emulated upstream hosts', async () => {
    const response = await request(app).get('/_sandbox/www.googleapis.com/oauth2/v3/certs');
    expect(response.status).toBe(200);
    expect(response.body).toHaveProperty('keys');
  });
});
