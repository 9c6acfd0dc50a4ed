import { describe, expect, it } from '@jest/globals';
import { fitbitPlugin } from '../../../src/connections/fitbit/index.js';
import { emulatedBy } from '../../../src/sandbox/sandbox.js';
import { upstreamBaseUrlBypass } from '../../../src/sandbox/upstream_base_url_bypass.js';
import { fakePlugin } from '../../support/fake_plugin.js';

const BASE = 'http://127.0.0.1:4010';
const acme = fakePlugin();
const installed = new Map([
  [fitbitPlugin.strategy, fitbitPlugin],
  [acme.strategy, acme],
]);
// What server.ts hands on: only Fitbit declares a sandbox.
const EMULATED = emulatedBy(installed);
// The emulators behind the variable, had Acme's sandbox played its v2 API beside Fitbit's two.
const playsAcmeV2 = { plays: (strategy: string, api: string) => EMULATED.plays(strategy, api) || (strategy === 'acme' && api === 'acme-v2') };

describe('the start-up warning of upstreams FITGATE_UPSTREAM_BASE_URL does not reach', () => {
  it('names each installed plugin no plugin’s sandbox plays, with its APIs, as calling its real upstream', () => {
    expect(upstreamBaseUrlBypass(BASE, installed, EMULATED)).toEqual({
      fields: { variable: 'FITGATE_UPSTREAM_BASE_URL', bypassing: [{ strategy: 'acme', apis: ['acme-v2', 'acme-v1'] }] },
      message: "FITGATE_UPSTREAM_BASE_URL reaches only the upstreams a plugin's sandbox plays, and no plugin's sandbox plays Acme (acme-v2, acme-v1): their connections with credentials call the real upstream",
    });
  });

  it('names only the APIs of a plugin that its sandbox does not play', () => {
    expect(upstreamBaseUrlBypass(BASE, installed, playsAcmeV2)?.fields.bypassing).toEqual([{ strategy: 'acme', apis: ['acme-v1'] }]);
  });

  it('says nothing when the sandboxes play every installed upstream (the Fitbit plugin’s two APIs)', () => {
    expect(upstreamBaseUrlBypass(BASE, new Map([[fitbitPlugin.strategy, fitbitPlugin]]), EMULATED)).toBeUndefined();
  });

  it('says nothing when FITGATE_UPSTREAM_BASE_URL is unset: every connection calls its real upstream, as expected', () => {
    expect(upstreamBaseUrlBypass(undefined, installed, EMULATED)).toBeUndefined();
  });
});
