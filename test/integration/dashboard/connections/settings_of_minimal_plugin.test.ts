import { describe, expect, it } from '@jest/globals';
import type { ConnectionPlugin } from '../../../../src/connections/plugin.js';
import { minimalOAuth2Plugin } from '../../../support/minimal_plugin.js';
import { useSignedInDashboard } from '../dashboard_harness.js';

/**
 * The settings page of a plugin that declares neither wording nor permissionAreas
 * (test/support/minimal_plugin.ts): the host names the upstream by the plugin's display name and
 * shows each permission as an area of its own, with the upstream scope it asks for.
 */
describe('the settings page of a plugin that leaves its wording and permission areas to the host', () => {
  const minimal = minimalOAuth2Plugin('https://auth.trailmark.example');
  const dashboard = useSignedInDashboard({ plugins: new Map<string, ConnectionPlugin>([[minimal.strategy, minimal]]) });

  it('asks the admin to register fitgate with the upstream by the plugin’s display name', async () => {
    const page = (await dashboard.agent().get('/manage/t/default/social/trailmark').expect(200)).text;
    expect(page).toContain('<h2>Register fitgate with Trailmark</h2>');
  });

  it('shows each permission in an area of its own, named after it, with the scope it asks for', async () => {
    const page = (await dashboard.agent().get('/manage/t/default/social/trailmark').expect(200)).text;
    const areas = [...page.matchAll(/<p class="area-name"><strong>([^<]+)<\/strong> <span class="hint"[^>]*>([^<]+)<\/span><\/p>/g)].map((match) => [match[1], match[2]]);
    expect(areas).toEqual([
      ['steps', 'Trailmark scope: steps'],
      ['distance', 'Trailmark scope: distance'],
      ['weight', 'Trailmark scope: weight'],
    ]);
  });
});
