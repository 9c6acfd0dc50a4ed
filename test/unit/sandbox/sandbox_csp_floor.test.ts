import { describe, expect, it } from '@jest/globals';
import type { IncomingMessage, ServerResponse } from 'node:http';
import request from 'supertest';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { buildSandbox, sandboxHostApp } from '../../../src/sandbox/sandbox.js';
import { SANDBOX_CSP_FLOOR } from '../../../src/sandbox/sandbox_response_wall.js';
import { fakePlugin } from '../../support/fake_plugin.js';

/**
 * Every emulator answer carries the host's Content-Security-Policy beside the emulator's own: browsers
 * enforce both, so no emulator can loosen what the host allows on fitgate's origin.
 */

const CALLBACK = 'https://acme.fitgate.example/login/callback';

/** An emulator whose pages send `policy` as their own CSP, or none. */
function appWithPolicy(policy: string | undefined) {
  const plugin = {
    ...fakePlugin(),
    sandbox: {
      apps: [{ api: 'acme-v2', clientId: 'acme-sandbox-client' }],
      hosts: ['auth.acme.example'],
      start: () => ({
        handler(_req: IncomingMessage, res: ServerResponse) {
          const headers: Record<string, string> = { 'Content-Type': 'text/html; charset=utf-8' };
          if (policy) headers['Content-Security-Policy'] = policy;
          res.writeHead(200, headers).end('<!doctype html><header></header><script>alert(1)</script>');
        },
        allowRedirectUri: () => undefined,
      }),
    },
  };
  return sandboxHostApp(buildSandbox(() => 'http://127.0.0.1:1/_sandbox', new Map([['acme', plugin], ...connectionPlugins()])));
}

const policiesOf = (header: string | undefined) => (header ?? '').split(/,\s*(?=[a-z-]+ )/);

describe('the host’s CSP floor on the emulators’ answers', () => {
  it('forbids scripts and puts the page in a sandbox of its own', () => {
    expect(SANDBOX_CSP_FLOOR).toContain("script-src 'none'");
    expect(SANDBOX_CSP_FLOOR).toMatch(/^sandbox allow-forms allow-popups allow-popups-to-escape-sandbox;/);
    expect(SANDBOX_CSP_FLOOR).not.toContain('allow-scripts');
    expect(SANDBOX_CSP_FLOOR).not.toContain('allow-same-origin');
  });

  it('is added to a policy the emulator sends, which stays', async () => {
    const answer = await request(appWithPolicy("default-src *; script-src 'unsafe-inline'")).get('/_sandbox/auth.acme.example/p').expect(200);
    expect(policiesOf(answer.headers['content-security-policy'])).toEqual(["default-src *; script-src 'unsafe-inline'", SANDBOX_CSP_FLOOR]);
  });

  it('is the policy of an answer that sends none', async () => {
    const answer = await request(appWithPolicy(undefined)).get('/_sandbox/auth.acme.example/p').expect(200);
    expect(answer.headers['content-security-policy']).toBe(SANDBOX_CSP_FLOOR);
  });

  it('holds on the Fitbit emulator’s consent page beside its own policy', async () => {
    const sandbox = buildSandbox(() => 'http://127.0.0.1:1/_sandbox', connectionPlugins());
    const { clientID } = sandbox.credentialsFor('fitbit', 'google-health', CALLBACK)!;
    const query = new URLSearchParams({ client_id: clientID, redirect_uri: CALLBACK, response_type: 'code', scope: 'openid', state: 's' });
    const page = await request(sandboxHostApp(sandbox)).get(`/_sandbox/accounts.google.com/o/oauth2/v2/auth?${query}`).expect(200);
    const policies = policiesOf(page.headers['content-security-policy']);
    expect(policies).toHaveLength(2);
    expect(policies[0]).toContain("style-src 'unsafe-inline'");
    expect(policies[1]).toBe(SANDBOX_CSP_FLOOR);
  });
});
