import { describe, expect, it } from '@jest/globals';
import type { Connection } from '../../../src/domain/types.js';
import { TENANT, useBothWays } from './both_ways.js';

/**
 * A new connection's options are written by one rule from the dashboard's first save of a social
 * connection's settings and from POST /api/v2/connections (domain/connection_options.ts, with
 * nothing stored before): the same input gets the same verdict, and what is stored is the same.
 */
const both = useBothWays();
const settings = `/manage/t/${TENANT}/social/fitbit`;
const scope = ['activity', 'profile'];

const typed = (fields: Record<string, string>) => both.form(settings, settings, { api: 'google-health', scope, ...fields });
const sent = (name: string, options: Record<string, unknown>) => both.api('post', '/connections', { name, strategy: 'fitbit', options: { api: 'google-health', scope, ...options } });

async function stored(name: string): Promise<Connection | undefined> {
  return both.harness().store.connections.getByName(TENANT, name);
}

/** A connection's options with the secret unsealed, for comparing what each way stored. */
async function optionsOf(name: string): Promise<Record<string, unknown>> {
  const { options } = (await stored(name))!;
  return { ...options, clientSecret: options.clientSecret === undefined ? undefined : both.harness().deps.sealer.open(options.clientSecret) };
}

describe('a new connection, from the dashboard and from the Management API', () => {
  it('refuses a secret without a Client ID both ways, and creates nothing', async () => {
    const form = await typed({ client_id: '', client_secret: 'orphan-secret' });
    expect(form.status).toBe(400);
    const api = await sent('fitbit-orphan', { client_secret: 'orphan-secret' });
    expect(api.status).toBe(400);
    expect((api.body as { message: string }).message).toMatch(/on property options\.client_id\.$/);

    expect(await stored('fitbit')).toBeUndefined();
    expect(await stored('fitbit-orphan')).toBeUndefined();
  });

  it('refuses an invisible character inside the Client ID both ways, naming it', async () => {
    const form = await typed({ client_id: 'abc\u200bdef.apps.googleusercontent.com', client_secret: 'secret' });
    expect(form.status).toBe(400);
    expect(form.text).toContain('zero-width space');
    const api = await sent('fitbit-invisible', { client_id: 'abc\u200bdef.apps.googleusercontent.com', client_secret: 'secret' });
    expect(api.status).toBe(400);
    expect((api.body as { message: string }).message).toContain('zero-width space');

    expect(await stored('fitbit')).toBeUndefined();
    expect(await stored('fitbit-invisible')).toBeUndefined();
  });

  it('stores the same options both ways: credentials trimmed, the secret sealed', async () => {
    // The form's ticked Profile sync box is the API's on_each_login.
    expect((await typed({ client_id: '  new.apps.googleusercontent.com ', client_secret: ' new-secret\n', profile_sync: 'on' })).status).toBe(303);
    const fromForm = await optionsOf('fitbit');
    // A tenant holds one connection per strategy: the API's is created once the form's is gone.
    await both.harness().store.connections.delete(TENANT, (await stored('fitbit'))!.id);
    expect((await sent('fitbit-api', { client_id: '  new.apps.googleusercontent.com ', client_secret: ' new-secret\n', set_user_root_attributes: 'on_each_login' })).status).toBe(201);

    expect(fromForm).toEqual({ api: 'google-health', clientId: 'new.apps.googleusercontent.com', clientSecret: 'new-secret', scope, profileSync: 'on_each_login' });
    expect(await optionsOf('fitbit-api')).toEqual(fromForm);
    expect((await stored('fitbit-api'))!.options.clientSecret).not.toContain('new-secret');
  });
});
