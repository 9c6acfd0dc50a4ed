import { describe, expect, it } from '@jest/globals';
import { apiName } from '../../../src/upstream/api_name.js';
import { fakePlugin } from '../../support/fake_plugin.js';

describe('apiName', () => {
  it('names an API as its plugin declares it', () => {
    expect(apiName(fakePlugin(), 'acme-v1')).toBe('Acme API v1');
  });

  it('answers an id no plugin declares, or a connection whose plugin is gone, with the id itself', () => {
    expect(apiName(fakePlugin(), 'acme-v0')).toBe('acme-v0');
    expect(apiName(undefined, 'acme-v1')).toBe('acme-v1');
  });
});
