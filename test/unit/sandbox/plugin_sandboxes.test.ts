import { describe, expect, it } from '@jest/globals';
import type { IncomingMessage, ServerResponse } from 'node:http';
import request from 'supertest';
import type { ConnectionPlugin, PluginSandbox, SandboxApp } from '../../../src/connections/plugin.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { buildSandbox, emulatedBy, sandboxHostApp } from '../../../src/sandbox/sandbox.js';
import { fakePlugin } from '../../support/fake_plugin.js';

const CALLBACK = 'https://acme.fitgate.example/login/callback';
const FITBIT_CONSENT = `/_sandbox/accounts.google.com/o/oauth2/v2/auth`;

/** What a fake emulator was started with and told, for the test to read. */
interface FakeEmulatorLog {
  readonly started: SandboxApp[][];
  readonly redirects: Array<[string, string]>;
}

/**
 * An emulator of Acme's upstream on node:http alone (no Express): a consent page on
 * auth.acme.example, JSON on api.acme.example.
 */
function acmeSandbox(log: FakeEmulatorLog, hosts: readonly string[] = ['auth.acme.example', 'api.acme.example']): PluginSandbox {
  return {
    apps: [{ api: 'acme-v2', clientId: 'acme-sandbox-client' }],
    hosts,
    start(apps) {
      log.started.push([...apps]);
      return {
        handler(req: IncomingMessage, res: ServerResponse) {
          const page = req.url?.startsWith('/auth.acme.example/');
          res.setHeader('Content-Type', page ? 'text/html; charset=utf-8' : 'application/json');
          res.end(page ? '<!doctype html><header></header><main>Acme consent</main>' : JSON.stringify({ steps: 42 }));
        },
        allowRedirectUri: (clientId, callbackUrl) => void log.redirects.push([clientId, callbackUrl]),
        control: { acme: 'controls' },
      };
    },
  };
}

const acmeWith = (sandbox: PluginSandbox | undefined): ConnectionPlugin => ({ ...fakePlugin(), ...(sandbox && { sandbox }) });
const backChannel = () => 'http://127.0.0.1:1/_sandbox';

/** The sandbox is built from what the registered plugins declare, and from nothing else. */
describe('the sandbox of the registered plugins', () => {
  it('plays nothing of a plugin that brings no sandbox, beside one that does', async () => {
    const plugins = new Map([['acme', acmeWith(undefined)], ...connectionPlugins()]);
    const sandbox = buildSandbox(backChannel, plugins);
    expect(sandbox.plays('acme', 'acme-v2')).toBe(false);
    expect(sandbox.credentialsFor('acme', 'acme-v2', CALLBACK)).toBeUndefined();
    expect(sandbox.credentials().map(({ strategy }) => strategy)).toEqual(['fitbit', 'fitbit']);
    expect(sandbox.emulatorControl('acme')).toBeUndefined();
    expect(emulatedBy(plugins).plays('acme', 'acme-v2')).toBe(false);
    expect(emulatedBy(plugins).plays('fitbit', 'google-health')).toBe(true);
    expect((await request(sandboxHostApp(sandbox)).get('/_sandbox/auth.acme.example/authorize')).status).toBe(404);
  });

  it('with no plugin bringing one, plays nothing and answers every path 404', async () => {
    const sandbox = buildSandbox(backChannel, new Map([['acme', acmeWith(undefined)]]));
    expect(sandbox.credentials()).toEqual([]);
    expect(sandbox.plays('fitbit', 'google-health')).toBe(false);
    expect((await request(sandboxHostApp(sandbox)).get(FITBIT_CONSENT)).status).toBe(404);
  });

  it('starts the emulator a plugin brings with a secret of its own making, and registers callbacks with it', () => {
    const log: FakeEmulatorLog = { started: [], redirects: [] };
    const sandbox = buildSandbox(backChannel, new Map([['acme', acmeWith(acmeSandbox(log))], ...connectionPlugins()]));
    expect(log.started).toHaveLength(1);
    const [app] = log.started[0]!;
    expect(app).toEqual({ api: 'acme-v2', clientId: 'acme-sandbox-client', clientSecret: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/) });
    expect(sandbox.plays('acme', 'acme-v2')).toBe(true);
    expect(sandbox.plays('acme', 'acme-v1')).toBe(false);
    expect(sandbox.credentialsFor('acme', 'acme-v2', CALLBACK)).toEqual({ clientID: 'acme-sandbox-client', clientSecret: app!.clientSecret });
    expect(log.redirects).toEqual([['acme-sandbox-client', CALLBACK]]);
    expect(sandbox.credentials()).toContainEqual({ strategy: 'acme', api: 'acme-v2', clientID: 'acme-sandbox-client', clientSecret: app!.clientSecret });
    sandbox.allowCallback('https://other.fitgate.example/login/callback');
    expect(log.redirects).toContainEqual(['acme-sandbox-client', 'https://other.fitgate.example/login/callback']);
    expect(sandbox.emulatorControl('acme')).toEqual({ acme: 'controls' });
  });

  it('sends each host to the emulator that plays it, whose pages name its own plugin', async () => {
    const sandbox = buildSandbox(backChannel, new Map([['acme', acmeWith(acmeSandbox({ started: [], redirects: [] }))], ...connectionPlugins()]));
    const app = sandboxHostApp(sandbox);
    const acmePage = await request(app).get('/_sandbox/auth.acme.example/authorize').expect(200);
    expect(acmePage.text).toBe('<!doctype html><header><p class="banner banner-sandbox" role="status">Sandbox: no real Acme account is used.</p></header><main>Acme consent</main>');
    expect(Number(acmePage.headers['content-length'])).toBe(Buffer.byteLength(acmePage.text));
    expect((await request(app).get('/_sandbox/API.acme.example/v2/steps').expect(200)).body).toEqual({ steps: 42 });

    const { clientID } = sandbox.credentialsFor('fitbit', 'google-health', CALLBACK)!;
    const query = new URLSearchParams({ client_id: clientID, redirect_uri: CALLBACK, response_type: 'code', scope: 'openid', state: 's' });
    const fitbitPage = await request(app).get(`${FITBIT_CONSENT}?${query}`).expect(200);
    expect(fitbitPage.text).toContain('Sandbox: no real Fitbit account is used.');
    expect(fitbitPage.text).not.toContain('Acme');
  });

  it('refuses two plugins whose emulators play the same host', () => {
    const clash = acmeSandbox({ started: [], redirects: [] }, ['auth.acme.example', 'Accounts.Google.com']);
    expect(() => buildSandbox(backChannel, new Map([...connectionPlugins(), ['acme', acmeWith(clash)]]))).toThrow('the sandboxes of "fitbit" and "acme" both play accounts.google.com');
  });
});
