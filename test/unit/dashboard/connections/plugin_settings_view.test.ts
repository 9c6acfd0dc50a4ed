import { describe, expect, it } from '@jest/globals';
import { fitbitPlugin } from '../../../../src/connections/fitbit/index.js';
import { pluginSettingsView, upstreamNames } from '../../../../src/dashboard/connections/plugin_settings_view.js';
import { fakePlugin } from '../../../support/fake_plugin.js';

/** The settings page shows a plugin's own APIs, hints, steps and grouping: the host names no upstream. */
describe('the settings page of any plugin', () => {
  const callbackUrl = 'https://acme.fitgate.example/login/callback';
  const plugin = fakePlugin();
  const view = pluginSettingsView(plugin, callbackUrl);

  it('offers the plugin’s APIs in its order, the first labelled as recommended', () => {
    expect(view.apis.map((api) => [api.id, api.label])).toEqual([
      ['acme-v2', 'Acme API v2 (recommended)'],
      ['acme-v1', 'Acme API v1'],
    ]);
    expect(view.apis[1]).toMatchObject({ warning: 'Acme v1 is retired at the end of the year.', clientIdHint: 'the key of your Acme v1 app.' });
  });

  it('recommends nothing when the plugin has one API', () => {
    const single = { ...plugin, apis: [plugin.apis[0]] as const };
    expect(pluginSettingsView(single, callbackUrl).apis.map((api) => api.label)).toEqual(['Acme API v2']);
  });

  it('gives each API its setup steps, consoles as links and the callback URL as text', () => {
    expect(view.apis[1]?.steps).toEqual([
      [{ text: '1. Open ' }, { text: 'https://developer.acme.example/acme-v1', href: 'https://developer.acme.example/acme-v1' }, { text: ` and register ${callbackUrl}` }],
    ]);
  });

  it('groups the permissions as the recommended API grants them, named by its upstream', () => {
    expect(view.permissions.api.id).toBe('acme-v2');
    expect(view.permissions.upstream).toBe('Acme');
    expect(view.permissions.areas.map((area) => [area.label, area.scope, area.permissions.map((permission) => permission.name)])).toEqual([
      ['Activity', 'acme.activity', ['steps', 'distance']],
      ['Body', 'acme.body', ['weight']],
    ]);
  });

  it('names the upstreams to register with once each', () => {
    expect(view.upstreams).toBe('Acme');
    expect(upstreamNames(fitbitPlugin)).toBe('Google or Fitbit');
    expect(upstreamNames(fitbitPlugin, plugin, fitbitPlugin)).toBe('Google or Fitbit or Acme');
  });
});
