import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AuthorizationCodeRecord } from '../../../../src/authn/codes/authorization_code.js';
import type { FitbitApi } from '../../../../src/connections/fitbit/index.js';
import { describeEachStore } from '../../../support/stores.js';
import { CLIENT_CALLBACK, startFrontChannel, type FrontChannel, useEmulator } from '../../../support/authn/front_channel_fixture.js';

const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

const emulator = useEmulator('alice');

const EXPECTED_ID: Record<FitbitApi, string> = { 'google-health': 'alice-4f1c2b7e', 'fitbit-legacy': 'GGNJL9' };

describeEachStore('front channel login', (harness) => {
  describe.each(['google-health', 'fitbit-legacy'] as const)('through %s', (api) => {
    let fitgate: FrontChannel;
    beforeAll(async () => {
      fitgate = await startFrontChannel({ store: harness.store(), upstream: { kind: 'emulator', emulator: emulator() }, api });
    });
    afterAll(() => fitgate.close());

    it('sends the client back with code, its state and iss, and stores the code bound to the request', async () => {
      const browser = fitgate.browser();
      const authorize = fitgate.authorizeUrl({ connection: 'fitbit', state: 'xyz', nonce: 'n-0S6', code_challenge: CHALLENGE, code_challenge_method: 'S256' });
      const { arrivedAt } = await browser.follow(authorize, CLIENT_CALLBACK);

      expect(arrivedAt?.searchParams.get('state')).toBe('xyz');
      expect(arrivedAt?.searchParams.get('iss')).toBe(`${fitgate.tenantUrl}/`);
      const code = arrivedAt?.searchParams.get('code') ?? '';
      expect(Buffer.from(code, 'base64url').length).toBeGreaterThanOrEqual(32);

      const record = await fitgate.store.ephemeral.get<AuthorizationCodeRecord>('authorization_code', code);
      expect(record).toMatchObject({
        tenant: fitgate.tenant,
        clientId: fitgate.webClient.clientId,
        redirectUri: CLIENT_CALLBACK,
        userId: `fitbit|${EXPECTED_ID[api]}`,
        scope: ['openid', 'profile', 'email', 'offline_access'],
        nonce: 'n-0S6',
        codeChallenge: CHALLENGE,
        codeChallengeMethod: 'S256',
        connection: 'fitbit',
      });
      expect(Math.abs((record?.authTime ?? 0) - Date.now() / 1000)).toBeLessThan(60);
    });

    it('records the user with a connected identity holding sealed upstream tokens', async () => {
      const user = await fitgate.store.users.get(fitgate.tenant, `fitbit|${EXPECTED_ID[api]}`);
      expect(user?.loginsCount).toBeGreaterThanOrEqual(1);
      expect(user?.name).toBe('Alice Runner');
      const identity = user?.identities[0];
      expect(identity).toMatchObject({ provider: 'fitbit', connection: 'fitbit', userId: EXPECTED_ID[api], isSocial: true, api, status: 'connected' });
      expect(identity?.grantedScopes).toEqual(expect.arrayContaining(['activity', 'profile']));
      expect(identity?.tokens?.accessToken).toMatch(/^v1\./);
      expect(fitgate.deps.sealer.open(identity!.tokens!.accessToken)).not.toBe('');
    });

    it('records a successful login event naming client, connection and user', async () => {
      const { items } = await fitgate.store.logs.list(fitgate.tenant, { page: 0, perPage: 10, type: 's' });
      expect(items[0]).toMatchObject({
        type: 's',
        clientId: fitgate.webClient.clientId,
        clientName: 'Acme Web',
        connection: 'fitbit',
        userId: `fitbit|${EXPECTED_ID[api]}`,
      });
    });

    it('shows the Universal Login page with a "Continue with Fitbit" link when no connection is named', async () => {
      const page = await fitgate.browser().get(fitgate.authorizeUrl());
      expect(page.status).toBe(200);
      expect(page.text).toContain('Continue with Fitbit');
      const href = /href="([^"]*connection=fitbit[^"]*)"/.exec(page.text)?.[1]?.replace(/&amp;/g, '&');
      expect(href).toMatch(/^\/authorize\?/);
      const { arrivedAt } = await fitgate.browser().follow(new URL(href!, fitgate.tenantUrl), CLIENT_CALLBACK);
      expect(arrivedAt?.searchParams.get('code')).toBeTruthy();
    });
  });
});
