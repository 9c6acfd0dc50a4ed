import { describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { createClient } from '../../../../src/domain/clients.js';
import { recordLogEvent } from '../../../../src/domain/log_events.js';
import { writeFirstPasswordFile } from '../../../../src/dashboard/account/first_password_file.js';
import { settingsFingerprint } from '../../../../src/dashboard/try/tried_settings.js';
import type { ConnectionOptions } from '../../../../src/domain/types.js';
import { submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/**
 * The Overview's getting-started checklist follows what is stored: each step turns done when the
 * thing is done (not when a box is ticked), in one story from a fresh tenant to the first real
 * login, after which the list is gone.
 */
describe('the getting-started checklist on the Overview', () => {
  const dashboard = useSignedInDashboard({ plugins: connectionPlugins(), environment: { FITGATE_SANDBOX: 'on' } });
  const overview = '/manage/t/default';

  async function steps(): Promise<Record<string, 'done' | 'todo'> | undefined> {
    const { text } = await dashboard.agent().get(overview).expect(200);
    if (!text.includes('id="getting-started"')) return undefined;
    return Object.fromEntries([...text.matchAll(/<li class="(done|todo)" data-step="([a-z_]+)">/g)].map((match) => [match[2], match[1] as 'done' | 'todo']));
  }

  it('starts with every step to do while the generated password still opens the account', async () => {
    const { config } = dashboard.harness();
    await writeFirstPasswordFile(config.dataDir, { email: dashboard.admin().email, password: dashboard.admin().password });
    expect(await steps()).toEqual({ password: 'todo', application: 'todo', credentials: 'todo', try: 'todo', enable: 'todo', first_login: 'todo' });
    const { text } = await dashboard.agent().get(overview).expect(200);
    expect(text).toContain('<a href="/manage/account">Change the generated password</a>');
  });

  it('marks the password done once it is changed', async () => {
    const newPassword = 'a brand new password for the owner';
    const changed = await submitForm(dashboard.agent(), '/manage/account', '/manage/account', {
      current_password: dashboard.admin().password,
      password: newPassword,
      confirm: newPassword,
    });
    expect(changed.status).toBe(303);
    expect((await steps())?.password).toBe('done');
  });

  it('marks the application and the sandbox credentials done from the stored client and connection', async () => {
    const { store } = dashboard.harness();
    await createClient(store.clients, { tenant: 'default', name: 'Machine only', appType: 'non_interactive', callbacks: [] });
    expect((await steps())?.application).toBe('todo');
    await createClient(store.clients, { tenant: 'default', name: 'Step Counter', appType: 'regular_web', callbacks: ['https://steps.example/cb'] });
    const page = '/manage/t/default/social/fitbit';
    expect((await submitForm(dashboard.agent(), page, page, { api: 'google-health', client_id: '', client_secret: '', scope: ['activity'] })).status).toBe(303);
    const now = await steps();
    expect(now).toMatchObject({ application: 'done', credentials: 'done', try: 'todo', enable: 'todo' });
    const { text } = await dashboard.agent().get(overview).expect(200);
    expect(text).toContain('using the sandbox');
  });

  /** A successful TRY in the logs, as try_log_event.ts records one, of these settings (default: the connection's own). */
  async function loggedTry(options?: ConnectionOptions, date?: Date): Promise<void> {
    const { store } = dashboard.harness();
    const connection = (await store.connections.getByName('default', 'fitbit'))!;
    const tried = options ?? connection.options;
    await recordLogEvent(store, {
      tenant: 'default',
      type: 's',
      description: 'Successful login (Try from the dashboard; no user created)',
      connection: 'fitbit',
      connectionId: connection.id,
      ...(date && { date }),
      details: { try: true, api: tried.api, settings: settingsFingerprint(tried) },
    });
  }

  it('leaves TRY to do after a TRY of other settings: another API, client or permissions', async () => {
    const { store } = dashboard.harness();
    await recordLogEvent(store, { tenant: 'default', type: 's', description: 'Dashboard sign-in', userName: 'owner@example.com' });
    const { options } = (await store.connections.getByName('default', 'fitbit'))!;
    await loggedTry({ ...options, api: 'fitbit-legacy' });
    await loggedTry({ ...options, clientId: 'retired.apps.googleusercontent.com' });
    await loggedTry({ ...options, scope: ['sleep'] });
    expect((await steps())?.try).toBe('todo');
  });

  it('marks TRY done from a success of the current settings in the logs, and enabling from the connection, which leaves TRY done', async () => {
    const { store } = dashboard.harness();
    await loggedTry();
    expect((await steps())?.try).toBe('done');
    const clients = await store.clients.list('default', { page: 0, perPage: 10 });
    const web = clients.items.find((client) => client.appType === 'regular_web')!;
    const connection = (await store.connections.getByName('default', 'fitbit'))!;
    // Enabling changes the connection's updatedAt, and nothing a TRY tested.
    await store.connections.update({ ...connection, enabledClients: [web.clientId], updatedAt: new Date(Date.now() + 1000).toISOString() });
    expect(await steps()).toMatchObject({ try: 'done', enable: 'done', first_login: 'todo' });
  });

  it('takes TRY back to do once the settings it tried change', async () => {
    const page = '/manage/t/default/social/fitbit';
    expect((await submitForm(dashboard.agent(), page, page, { api: 'fitbit-legacy', client_id: '', client_secret: '', scope: ['heartrate'] })).status).toBe(303);
    expect((await steps())?.try).toBe('todo');
    expect((await submitForm(dashboard.agent(), page, page, { api: 'google-health', client_id: '', client_secret: '', scope: ['activity'] })).status).toBe(303);
    // Back to the settings that were tried: that TRY proves them again.
    expect((await steps())?.try).toBe('done');
  });

  it('counts a TRY logged without its settings (before they were logged) only when newer than the connection’s last change', async () => {
    const { store } = dashboard.harness();
    await store.logs.deleteOlderThan(new Date(Date.now() + 60_000));
    const connection = (await store.connections.getByName('default', 'fitbit'))!;
    const logged = (date: Date) =>
      recordLogEvent(store, { tenant: 'default', type: 's', description: 'Successful login (Try)', connection: 'fitbit', date, details: { try: true, api: connection.options.api } });
    await logged(new Date(Date.parse(connection.updatedAt) - 1000));
    expect((await steps())?.try).toBe('todo');
    await logged(new Date(Date.parse(connection.updatedAt) + 1000));
    expect((await steps())?.try).toBe('done');
  });

  it('goes away after the first real login', async () => {
    const now = new Date().toISOString();
    await dashboard.harness().store.users.create({ tenant: 'default', userId: 'fitbit|FIRST1', identities: [], loginsCount: 1, createdAt: now, updatedAt: now });
    expect(await steps()).toBeUndefined();
  });
});
