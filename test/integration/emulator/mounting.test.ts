import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createEmulator } from '../../../src/emulator/index.js';
import { approvedRedirect, buildAuthorizeUrl, legacyLogin } from '../../support/emulator.js';

let server: Server;
let base: string;
beforeAll(async () => {
  const host = express();
  host.get('/health', (_req, res) => void res.send('ok'));
  host.use('/upstream', createEmulator().app);
  server = host.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/upstream`;
});
afterAll(async () => {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
});

describe('the emulator mounted in another express app', () => {
  it('serves the whole flow under the mount path', async () => {
    const tokens = await legacyLogin(base, { user: 'alice' });
    expect(tokens.status).toBe(200);
    expect(tokens.body.user_id).toBe('GGNJL9');
  });

  it('posts its consent form back under the mount path', async () => {
    const page = await (await fetch(buildAuthorizeUrl(base, 'google-health'))).text();
    expect(page).toContain('action="/upstream/accounts.google.com/o/oauth2/v2/auth"');
    const redirect = await approvedRedirect(base, 'google-health', 'bob');
    expect(redirect.searchParams.get('code')).toBeTruthy();
  });

  it('sends a refused Google authorize request to the error page under the mount path', async () => {
    const response = await fetch(buildAuthorizeUrl(base, 'google-health', { client_id: 'unknown.apps.googleusercontent.com' }), { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toMatch(/^\/upstream\/accounts\.google\.com\/signin\/oauth\/error\?authError=/);
    const page = await fetch(new URL(response.headers.get('location') ?? '', base));
    expect(await page.text()).toContain('Error 401: invalid_client');
  });
});
