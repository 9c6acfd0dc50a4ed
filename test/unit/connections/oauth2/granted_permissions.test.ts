import { describe, expect, it } from '@jest/globals';
import { grantedPermissions } from '../../../../src/connections/oauth2/granted_scopes.js';
import type { PluginPermission } from '../../../../src/connections/plugin.js';

const PERMISSIONS: PluginPermission[] = [
  { name: 'steps', description: 'Steps', upstreamScopes: ['activity'] },
  { name: 'distance', description: 'Distances', upstreamScopes: ['activity'] },
  { name: 'weight', description: 'Weight', upstreamScopes: ['body', 'body.write'] },
  { name: 'badges', description: 'Badges', upstreamScopes: [] },
];
const REQUESTED = ['steps', 'weight', 'badges'];
const granted = (reported: string | undefined, separator?: string) => grantedPermissions({ permissions: PERMISSIONS, requested: REQUESTED, reported, separator });

/** The upstream's reported grant, in its spelling, as the permission names the host stores and TRY shows. */
describe('grantedPermissions', () => {
  it('grants a permission when every upstream scope of it was reported, each permission of an area with it', () => {
    expect(granted('activity body')).toEqual(['steps', 'distance']);
    expect(granted('activity body body.write')).toEqual(['steps', 'distance', 'weight']);
  });

  it('splits at the upstream’s separator, spaces around each scope ignored', () => {
    expect(granted('activity, body,body.write', ',')).toEqual(['steps', 'distance', 'weight']);
    expect(granted('activity,body', ' ')).toEqual([]);
  });

  it('never reports a permission that asks the upstream for nothing, nor an unknown scope', () => {
    expect(granted('')).toEqual([]);
    expect(granted('heartrate')).toEqual([]);
  });

  it('reads no report as what was requested (RFC 6749 §5.1)', () => {
    expect(granted(undefined)).toEqual(REQUESTED);
  });
});
