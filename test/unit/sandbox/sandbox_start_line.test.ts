import { describe, expect, it } from '@jest/globals';
import type { ConnectionPlugin } from '../../../src/connections/plugin.js';
import { fitbitPlugin } from '../../../src/connections/fitbit/index.js';
import { sandboxStartLine } from '../../../src/sandbox/sandbox_start_line.js';
import { fakePlugin } from '../../support/fake_plugin.js';

const acme = fakePlugin();
// Acme with a sandbox of one of its two APIs; it is never started here.
const sandboxedAcme: ConnectionPlugin = {
  ...acme,
  sandbox: { apps: [{ api: 'acme-v1', clientId: 'acme-sandbox-client' }], hosts: ['auth.acme.example'], start: () => { throw new Error('not started'); } },
};

/** The start-up log's line about the sandbox claims only what the installed plugins' sandboxes give. */
describe('the start-up line about the sandbox', () => {
  it('names each plugin whose sandbox logs connections without credentials in, with the APIs it plays', () => {
    const plugins = new Map<string, ConnectionPlugin>([[fitbitPlugin.strategy, fitbitPlugin], [acme.strategy, acme]]);
    expect(sandboxStartLine(true, plugins)).toBe(
      "sandbox on: connections without credentials of Fitbit (google-health, fitbit-legacy) log in through their plugin's sandbox",
    );
  });

  it('names only the APIs a plugin’s sandbox plays, beside the other plugins’ sandboxes', () => {
    const plugins = new Map<string, ConnectionPlugin>([[fitbitPlugin.strategy, fitbitPlugin], [acme.strategy, sandboxedAcme]]);
    expect(sandboxStartLine(true, plugins)).toBe(
      "sandbox on: connections without credentials of Fitbit (google-health, fitbit-legacy), Acme (acme-v1) log in through their plugin's sandbox",
    );
  });

  it('is not logged when no installed plugin brings a sandbox, though FITGATE_SANDBOX is on', () => {
    expect(sandboxStartLine(true, new Map([[acme.strategy, acme]]))).toBeUndefined();
  });

  it('is not logged with the sandbox off', () => {
    expect(sandboxStartLine(false, new Map([[fitbitPlugin.strategy, fitbitPlugin]]))).toBeUndefined();
  });
});
