import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { formValues, readSettingsForm, sameOptions, secretNotSavedNotice, settingsFromForm, type SettingsForm } from '../../../../src/dashboard/connections/connection_settings_form.js';
import { createSealer } from '../../../../src/store/sealing.js';
import type { ConnectionOptions } from '../../../../src/domain/types.js';
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
      then: 'save',
    });
  });

  it('reads which button was pressed: Try saves and then tries, anything else only saves', () => {
    const form = (then?: string) => readSettingsForm({ api: 'acme-v1', scope: ['steps'], ...(then !== undefined && { then }) }, plugin);
    expect(form('try')).toMatchObject({ then: 'try' });
    expect(form()).toMatchObject({ then: 'save' });
    expect(form('delete')).toMatchObject({ then: 'save' });
  });

  it('notes a typed secret that a refused form did not save, naming what was refused', () => {
    expect(secretNotSavedNotice({ client_secret: 'new' }, { scope: 'Permissions: …', client_id: 'Client ID: …' })).toBe(
      'Client Secret: the new secret you typed was not saved, because Permissions and Client ID were refused. Paste it again before you save.',
    );
    expect(secretNotSavedNotice({ client_secret: 'new' }, { form: 'Settings: …' })).toContain('because the settings were refused');
    expect(secretNotSavedNotice({ client_secret: '  ' }, { scope: 'Permissions: …' })).toBeUndefined();
    expect(secretNotSavedNotice({ client_secret: 'new' }, { client_secret: 'Client Secret: too long' })).toBeUndefined();
  });

  it('tells settings that would save nothing from a change', () => {
    const options: ConnectionOptions = { api: 'acme-v1', clientId: 'key', scope: ['steps', 'sleep'], profileSync: 'on_each_login' };
    expect(sameOptions(options, { ...options, scope: ['steps', 'sleep'] })).toBe(true);
    for (const change of [{ api: 'acme-v2' }, { clientId: 'other' }, { scope: ['sleep', 'steps'] }, { scope: ['steps'] }, { profileSync: 'on_first_login' as const }]) {
      expect(sameOptions(options, { ...options, ...change })).toBe(false);
    }
  });

  it('refuses an API the plugin does not declare, another plugin’s included', () => {
    for (const api of ['google-health', 'acme-v0', '']) {
      expect(readSettingsForm({ api, scope: ['steps'] }, plugin)).toEqual({ error: { api: 'Choose which API this connection uses.' } });
    }
  });

  it('places every problem the plugin finds at its own field, two about one field side by side', () => {
    const form: SettingsForm = { api: 'acme-v9', clientId: '', newClientSecret: '', scope: ['steps', 'naps', 'hops'], profileSync: 'on_each_login', then: 'save' };
    expect(settingsFromForm(form, undefined, plugin, createSealer([randomBytes(32)]))).toEqual({
      ok: false,
      errors: {
        api: 'API: must be "acme-v2" or "acme-v1"',
        scope: 'Permissions: unknown Acme permission "naps"; unknown Acme permission "hops"',
      },
    });
  });

  it('shows a connection never saved on the plugin’s first API with its default permissions', () => {
    expect(formValues(plugin, undefined)).toEqual({ api: 'acme-v2', clientId: '', scope: ['steps'], profileSync: 'on_each_login', hasSecret: false });
  });
});
