import { describe, expect, it } from '@jest/globals';
import { recordLogEvent } from '../../../../src/domain/log_events.js';
import { useSignedInDashboard } from '../dashboard_harness.js';

/**
 * The Overview's second chart counts token refreshes (and users whose refresh needs
 * re-authorization) only, and its title says so: after a code exchange and a machine-to-machine
 * token it must not read "No tokens in the last 24 hours yet".
 */
describe('the title of the token chart', () => {
  const dashboard = useSignedInDashboard();

  it('names token refreshes, which is all it counts', async () => {
    const { store } = dashboard.harness();
    await recordLogEvent(store, { tenant: 'default', type: 'seacft', clientId: 'web', clientName: 'Web App', userId: 'fitbit|A', connection: 'fitbit' });
    await recordLogEvent(store, { tenant: 'default', type: 'seccft', clientId: 'm2m', clientName: 'Backend' });

    const { text } = await dashboard.agent().get('/manage/t/default').expect(200);
    expect(text).toContain('<figcaption>Token refreshes in the last 24 hours</figcaption>');
    expect(text).toContain('<p class="chart-empty">No token refreshes in the last 24 hours yet.</p>');
    expect(text).not.toMatch(/No tokens in the last/);
  });
});
