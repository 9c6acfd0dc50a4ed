import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { createEmulator } from '../../../src/emulator/index.js';

/**
 * An injected failure on a sign-in page host stands for the upstream's own trouble: the page a
 * person then reads must tell them to try again later, not to have the developer check the
 * application's client id, which is what a refused request's page says.
 */
describe("the emulator's page for a failing sign-in host", () => {
  const { app, control } = createEmulator();
  const server = express().use(app);

  it('says the service could not answer and to try again later, for a 5xx', async () => {
    control.setFailure({ host: 'accounts.google.com', mode: { kind: 'status', status: 503 }, times: 1 });
    const response = await request(server).get('/accounts.google.com/o/oauth2/v2/auth');
    expect(response.status).toBe(503);
    expect(response.text).toContain('nothing is wrong with your account or the application');
    expect(response.text).toContain('try again in a few minutes');
    expect(response.text).not.toContain('client id');
  });

  it('says the service is busy, for a rate limit', async () => {
    control.setFailure({ host: 'www.fitbit.com', mode: { kind: 'rate-limit' }, times: 1 });
    const response = await request(server).get('/www.fitbit.com/oauth2/authorize');
    expect(response.status).toBe(429);
    expect(response.text).toContain('too many requests right now');
    expect(response.text).not.toContain('client id');
  });

  it("keeps the developer's advice for a request it refuses", async () => {
    const response = await request(server).get('/www.fitbit.com/oauth2/authorize?client_id=NOPE&response_type=code');
    expect(response.status).toBe(400);
    expect(response.text).toContain('check its client id and redirect URI');
  });
});
