import { afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { SECRET_NOT_CARRIED_OVER } from '../../../src/domain/connection_options.js';
import { updateConnection } from '../../../src/domain/connection_updates.js';
import { TENANT, useBothWays } from './both_ways.js';

/**
 * A connection's options are written by one change function from the dashboard's settings form and
 * from PATCH /api/v2/connections/{id} (domain/connection_option_changes.ts): judged against the
 * connection as stored when it is written, not as the request read it. When another Client ID was
 * saved meanwhile, a blank secret no longer keeps the stored one, and both refuse, each in its own
 * words (the form beside its field, the API naming the property), and store nothing.
 */
const both = useBothWays();
const settings = `/manage/t/${TENANT}/social/fitbit`;
const scope = ['activity', 'profile'];

const { fitbitConnection: connection, storedCredentials } = both;

const typed = (clientId: string, clientSecret: string) => both.form(settings, settings, { api: 'google-health', client_id: clientId, client_secret: clientSecret, scope });

/**
 * Right before the request's write reads the connection, another admin saves another Google
 * client with its own secret, as a second worker could between this request's read and its write.
 */
function anotherClientSavedMeanwhile(): void {
  const { connections } = both.harness().store;
  const getStored = connections.getStored.bind(connections);
  jest.spyOn(connections, 'getStored').mockImplementationOnce(async (tenant, id) => {
    await updateConnection(connections, tenant, id, (current) => ({
      ...current,
      options: { ...current.options, clientId: 'other.apps.googleusercontent.com', clientSecret: both.harness().deps.sealer.seal('other-secret') },
    }));
    return getStored(tenant, id);
  });
}

describe('a connection saved while another admin changes its Client ID, in the dashboard and the Management API', () => {
  beforeAll(async () => {
    expect((await typed('mine.apps.googleusercontent.com', 'mine-secret')).status).toBe(303);
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    expect((await typed('mine.apps.googleusercontent.com', 'mine-secret')).status).toBe(303);
  });

  it('is refused beside the Client Secret field in the dashboard, and nothing is saved', async () => {
    anotherClientSavedMeanwhile();
    const refused = await typed('mine.apps.googleusercontent.com', '');
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('name="client_secret"');
    expect(refused.text).toContain(`Client Secret: is required with a Client ID for the Google Health API, which authenticates each token request with it; ${SECRET_NOT_CARRIED_OVER}`);
    expect(await storedCredentials()).toEqual({ clientId: 'other.apps.googleusercontent.com', secret: 'other-secret' });
  });

  it('is refused naming options.client_secret by the Management API, and nothing is saved', async () => {
    const { id } = await connection();
    anotherClientSavedMeanwhile();
    const refused = await both.api('patch', `/connections/${encodeURIComponent(id)}`, { options: { api: 'google-health', scope, client_id: 'mine.apps.googleusercontent.com' } });
    expect(refused.status).toBe(400);
    expect((refused.body as { message: string }).message).toBe(
      `Payload validation error: 'is required with a Client ID for the Google Health API, which authenticates each token request with it; ${SECRET_NOT_CARRIED_OVER}' on property options.client_secret.`,
    );
    expect(await storedCredentials()).toEqual({ clientId: 'other.apps.googleusercontent.com', secret: 'other-secret' });
  });
});
