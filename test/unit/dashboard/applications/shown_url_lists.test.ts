import { describe, expect, it } from '@jest/globals';
import { shownUrlLists, withShownUrlLists } from '../../../../src/dashboard/applications/shown_url_lists.js';
import type { Client } from '../../../../src/domain/types.js';

const stored = {
  callbacks: ['https://app.example/cb'],
  allowedLogoutUrls: ['https://app.example/bye'],
  webOrigins: ['https://app.example'],
  allowedOrigins: ['https://tools.example'],
} as const;

function client(appType: Client['appType'], grantTypes: string[] = appType === 'non_interactive' ? ['client_credentials'] : ['authorization_code']): Client {
  return {
    ...stored,
    grantTypes,
    callbacks: [...stored.callbacks],
    allowedLogoutUrls: [...stored.allowedLogoutUrls],
    webOrigins: [...stored.webOrigins],
    allowedOrigins: [...stored.allowedOrigins],
    appType,
  } as unknown as Client;
}

const listsOf = (saved: Client) => ({ callbacks: saved.callbacks, allowedLogoutUrls: saved.allowedLogoutUrls, webOrigins: saved.webOrigins, allowedOrigins: saved.allowedOrigins });

/**
 * The settings form replaces only the URL lists its page showed: a list it did not carry keeps its
 * stored value instead of being read as emptied.
 */
describe('the URL lists a settings form saves', () => {
  it("keeps every list of a machine-to-machine application, whose page shows none, even when a post sends them", () => {
    const lists = shownUrlLists({ name: 'Service', callbacks: '', allowed_logout_urls: '', web_origins: '', allowed_origins: '' }, client('non_interactive'));
    expect(lists).toEqual({});
    expect(listsOf(withShownUrlLists(client('non_interactive'), lists))).toEqual(stored);
  });

  it('reads the lists of a machine-to-machine application given authorization_code, whose page shows them', () => {
    const lists = shownUrlLists({ callbacks: 'https://robot.example/cb', allowed_logout_urls: '' }, client('non_interactive', ['client_credentials', 'authorization_code']));
    expect(listsOf(withShownUrlLists(client('non_interactive'), lists))).toEqual({ ...stored, callbacks: ['https://robot.example/cb'], allowedLogoutUrls: [] });
  });

  it('keeps a list the form did not carry, and replaces those it did, an empty one clearing its list', () => {
    const lists = shownUrlLists({ callbacks: ' https://app.example/new \r\n', web_origins: '' }, client('spa'));
    expect(listsOf(withShownUrlLists(client('spa'), lists))).toEqual({ ...stored, callbacks: ['https://app.example/new'], webOrigins: [] });
  });

  it('reads origins by the origin rule and the others by the redirect rule of the type', () => {
    const lists = shownUrlLists({ callbacks: 'com.example.app:/cb', allowed_origins: 'https://tools.example/path' }, client('spa'));
    expect(lists.callbacks?.result).toMatchObject({ ok: false, message: expect.stringContaining('only native applications') });
    expect(lists.allowed_origins?.result).toMatchObject({ ok: false, message: expect.stringContaining('origin only') });
    expect(shownUrlLists({ callbacks: 'com.example.app:/cb' }, client('native')).callbacks?.result).toEqual({ ok: true, urls: ['com.example.app:/cb'] });
  });
});
