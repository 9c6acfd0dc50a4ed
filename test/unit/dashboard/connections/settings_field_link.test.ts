import { describe, expect, it } from '@jest/globals';
import { settingsFieldLink } from '../../../../src/dashboard/connections/settings_field_link.js';
import { fakePlugin } from '../../../support/fake_plugin.js';

/** A failed TRY's link into the connection's settings page, anchored where the fix is made. */
const SETTINGS = '/manage/t/default/social/acme';
const twoApis = fakePlugin();
const oneApi = { apis: [twoApis.apis[0]] as const };

describe('the link to the setting a failed TRY is fixed in', () => {
  it('anchors each setting at its place on the page', () => {
    const href = (field: string) => settingsFieldLink(SETTINGS, twoApis, 'acme-v2', field)?.href;
    expect(href('clientId')).toBe(`${SETTINGS}#client_id`);
    expect(href('clientSecret')).toBe(`${SETTINGS}#client_secret`);
    expect(href('scope')).toBe(`${SETTINGS}#permissions`);
    expect(href('api')).toBe(`${SETTINGS}#api-choice`);
    expect(href('callbackUrl')).toBe(`${SETTINGS}#callback-url`);
    expect(settingsFieldLink(SETTINGS, twoApis, 'acme-v2', 'clientSecret')?.text).toBe("Go to the Client Secret in the connection's settings");
  });

  it('anchors the setup steps at those of the API tried, named as the plugin names it', () => {
    expect(settingsFieldLink(SETTINGS, twoApis, 'acme-v1', 'setupSteps')).toEqual({
      href: `${SETTINGS}#steps-acme-v1`,
      text: "Go to the setup steps for the Acme API v1 in the connection's settings",
    });
  });

  it('is none where the page has no such place', () => {
    expect(settingsFieldLink(SETTINGS, twoApis, 'acme-v2', undefined)).toBeUndefined();
    expect(settingsFieldLink(SETTINGS, twoApis, 'acme-v2', 'redirectUris')).toBeUndefined();
    expect(settingsFieldLink(SETTINGS, twoApis, 'acme-v2', 'toString')).toBeUndefined();
    // A plugin with one API is offered no choice of API.
    expect(settingsFieldLink(SETTINGS, oneApi, 'acme-v2', 'api')).toBeUndefined();
    expect(settingsFieldLink(SETTINGS, twoApis, 'acme-v9', 'setupSteps')).toBeUndefined();
    expect(settingsFieldLink(SETTINGS, undefined, 'acme-v2', 'clientId')).toBeUndefined();
  });
});
