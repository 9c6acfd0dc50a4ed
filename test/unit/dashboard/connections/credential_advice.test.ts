import { describe, expect, it } from '@jest/globals';
import type { ConnectionPlugin } from '../../../../src/connections/plugin.js';
import { credentialAdvice } from '../../../../src/dashboard/connections/credential_advice.js';
import type { ConnectionOptions } from '../../../../src/domain/types.js';

const saved: ConnectionOptions = { api: 'acme-v2', clientId: 'acme key', scope: ['steps'], profileSync: 'on_each_login' };

describe('the dashboard asking a plugin for advice on the credentials just saved', () => {
  it('hands the plugin the saved API and Client ID, and the secret only when one was typed', () => {
    const asked: unknown[] = [];
    const plugin: Pick<ConnectionPlugin, 'adviseOnCredentials'> = {
      adviseOnCredentials: (api, credentials) => {
        asked.push({ api, ...credentials });
        return ['The key has a space.'];
      },
    };
    expect(credentialAdvice(plugin, saved, '')).toEqual(['The key has a space.']);
    expect(credentialAdvice(plugin, saved, ' s3cret-typed \n')).toEqual(['The key has a space.']);
    expect(asked).toEqual([
      { api: 'acme-v2', clientId: 'acme key', clientSecret: undefined },
      { api: 'acme-v2', clientId: 'acme key', clientSecret: 's3cret-typed' },
    ]);
  });

  it('drops a sentence that repeats the typed secret, and anything that is no sentence', () => {
    const plugin = { adviseOnCredentials: () => ['Your secret s3cret-typed is short.', '', 'The key has a space.', 42 as unknown as string] };
    expect(credentialAdvice(plugin, saved, 's3cret-typed')).toEqual(['The key has a space.']);
  });

  it('gives none for a plugin without the hook, or whose hook throws: the save went through all the same', () => {
    expect(credentialAdvice({}, saved, 'x')).toEqual([]);
    const throwing = {
      adviseOnCredentials: (): string[] => {
        throw new Error('broken plugin');
      },
    };
    expect(credentialAdvice(throwing, saved, '')).toEqual([]);
  });
});
