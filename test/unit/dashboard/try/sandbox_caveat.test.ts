import { describe, expect, it } from '@jest/globals';
import { sandboxCaveat } from '../../../../src/dashboard/try/sandbox_caveat.js';
import { fakePlugin } from '../../../support/fake_plugin.js';

/** A sandbox TRY of an API its plugin warns about says, in the plugin's words, that real logins differ. */
describe('the caveat of a sandbox TRY', () => {
  const plugin = fakePlugin();

  it('carries the plugin\'s warning for its API when the TRY ran in the sandbox', () => {
    expect(sandboxCaveat(plugin, 'acme-v1', true)).toEqual({ apiName: 'Acme API v1', warning: 'Acme v1 is retired at the end of the year.' });
  });

  it('is absent outside the sandbox and for an API without a warning', () => {
    expect(sandboxCaveat(plugin, 'acme-v1', false)).toBeUndefined();
    expect(sandboxCaveat(plugin, 'acme-v2', true)).toBeUndefined();
  });
});
