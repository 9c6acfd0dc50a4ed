import { describe, expect, it } from '@jest/globals';
import { createTokenClient, type UpstreamCallReport } from '../../../../src/connections/fitbit/index.js';
import type { PluginClientOptions } from '../../../../src/connections/plugin.js';
import { createUpstreamFetch } from '../../../../src/connections/upstream_fetch.js';
import { DEMO, legacyLogin } from '../../../support/emulator.js';
import { useEmulator } from '../../../support/use_emulator.js';

// The plugin's onUpstreamCall option: a host's metrics hear every upstream call (operation, status,
// error kind, duration) without the plugin knowing the host, and a failing hook changes nothing.

const emulator = useEmulator({ resetAfterEach: false });

const clientWith = (onUpstreamCall: (report: UpstreamCallReport) => void, more: Pick<PluginClientOptions, 'upstreamFetch'> = {}) =>
  createTokenClient({
    api: 'fitbit-legacy',
    clientID: DEMO.legacyServer.clientId,
    clientSecret: DEMO.legacyServer.clientSecret,
    upstreamBaseUrl: emulator.url,
    onUpstreamCall,
    ...more,
  });

describe('onUpstreamCall', () => {
  it('hears a successful refresh with its operation, status and duration, and no error kind', async () => {
    const login = await legacyLogin(emulator.url, { user: 'alice' });
    const reports: UpstreamCallReport[] = [];
    await clientWith((report) => reports.push(report)).refresh(login.body.refresh_token as string);
    expect(reports).toEqual([{ operation: 'refresh', status: 200, durationMs: expect.any(Number) }]);
    expect(reports[0]!.durationMs).toBeGreaterThan(0);
  });

  it('hears a refused refresh with the error kind and the upstream status', async () => {
    const reports: UpstreamCallReport[] = [];
    await expect(clientWith((report) => reports.push(report)).refresh('not-a-refresh-token')).rejects.toMatchObject({ kind: 'invalid_grant' });
    expect(reports).toEqual([{ operation: 'refresh', status: 400, errorKind: 'invalid_grant', durationMs: expect.any(Number) }]);
  });

  it('hears a rate-limited call as rate_limited with 429', async () => {
    emulator.control.setFailure({ host: 'api.fitbit.com', mode: { kind: 'rate-limit', retryAfterSeconds: 60 }, times: 1 });
    const reports: UpstreamCallReport[] = [];
    await expect(clientWith((report) => reports.push(report)).revoke('some-token')).rejects.toMatchObject({ kind: 'rate_limited' });
    expect(reports).toEqual([{ operation: 'revoke', status: 429, errorKind: 'rate_limited', durationMs: expect.any(Number) }]);
  });

  it('hears each call once when the host hands its port too, built on the same hook, as fitgate does', async () => {
    const login = await legacyLogin(emulator.url, { user: 'carol' });
    const reports: UpstreamCallReport[] = [];
    const hook = (report: UpstreamCallReport) => reports.push(report);
    const upstreamFetch = createUpstreamFetch({ upstreamBaseUrl: emulator.url, timeoutMs: 10_000, onUpstreamCall: hook as PluginClientOptions['onUpstreamCall'] });
    const client = clientWith(hook, { upstreamFetch });
    await client.refresh(login.body.refresh_token as string);
    await expect(client.refresh('not-a-refresh-token')).rejects.toMatchObject({ kind: 'invalid_grant' });
    expect(reports).toEqual([
      { operation: 'refresh', status: 200, durationMs: expect.any(Number) },
      { operation: 'refresh', status: 400, errorKind: 'invalid_grant', durationMs: expect.any(Number) },
    ]);
  });

  it('leaves the outcome of the call alone when the hook throws', async () => {
    const login = await legacyLogin(emulator.url, { user: 'bob' });
    const tokens = await clientWith(() => {
      throw new Error('a broken metrics hook');
    }).refresh(login.body.refresh_token as string);
    expect(tokens.accessToken).toEqual(expect.any(String));
  });

  it('refuses a hook that is not a function', () => {
    expect(() => clientWith('not a function' as never)).toThrow('onUpstreamCall must be a function');
  });
});
