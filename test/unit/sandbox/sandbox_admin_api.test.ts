import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { buildSandbox, sandboxHostApp } from '../../../src/sandbox/sandbox.js';

/** The sandbox answers on fitgate's public hosts: its emulator's control API must not. */
describe('the sandbox emulator on a public host', () => {
  const app = sandboxHostApp(buildSandbox(() => 'http://127.0.0.1:1/_sandbox', connectionPlugins()));

  it('does not expose the control API, which lists the sandbox apps with their secrets', async () => {
    for (const path of ['/_sandbox/_emulator/apps', '/_sandbox/_emulator', '/_sandbox/_emulator/reset']) {
      const response = await request(app).get(path);
      expect(response.status).toBe(404);
      expect(response.text).not.toContain('clientSecret');
    }
    expect((await request(app).post('/_sandbox/_emulator/auto-consent').send({ user: 'alice', decision: 'approve' })).status).toBe(404);
  });

  it('still serves the emulated upstream hosts', async () => {
    const response = await request(app).get('/_sandbox/www.googleapis.com/oauth2/v3/certs');
    expect(response.status).toBe(200);
    expect(response.body).toHaveProperty('keys');
  });
});
