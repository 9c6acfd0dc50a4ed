import { describe, expect, it } from '@jest/globals';
import { formValues, readSettingsForm } from '../../../../src/dashboard/connections/connection_settings_form.js';
import { fakePlugin } from '../../../support/fake_plugin.js';

/** The settings form takes the APIs and the starting values of the plugin it is for, and no other. */
describe('the connection settings form of any plugin', () => {
  const plugin = fakePlugin();

  it('reads an API the plugin declares', () => {
    expect(readSettingsForm({ api: 'acme-v1', client_id: ' key ', scope: ['steps', 'steps'], profile_sync: 'on' }, plugin)).toEqual({
      api: 'acme-v1',
      clientId: 'key',
      newClientSecret: '',
      scope: ['steps'],
      profileSync: 'on_each_login',
    });
  });

  it('refuses an API the plugin does not declare, another plugin’s included', () => {
    for (const api of ['google-health', 'acme-v0', '']) {
      expect(readSettingsForm({ api, scope: ['steps'] }, plugin)).toEqual({ error: { api: 'Choose which API this connection uses.' } });
    }
  });

  it('shows a connection never saved on the plugin’s first API with its default permissions', () => {
    expect(formValues(plugin, undefined)).toEqual({ api: 'acme-v2', clientId: '', scope: ['steps'], profileSync: 'on_each_login', hasSecret: false });
  });
});
