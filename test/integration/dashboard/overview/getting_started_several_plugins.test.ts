import { beforeAll, describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { createClient } from '../../../../src/domain/clients.js';
import { recordLogEvent } from '../../../../src/domain/log_events.js';
import { newConnection, newConnectionOptions } from '../../../../src/domain/new_connection.js';
import { settingsFingerprint } from '../../../../src/dashboard/try/tried_settings.js';
import { fakePlugin } from '../../../support/fake_plugin.js';
import { submitForm, useSignedInDashboard } from '../dashboard_harness.js';

/** A checklist step as the Overview shows it: done or not, and, while not, where it leads and in which words. */
interface ShownStep {
  readonly state: 'done' | 'todo';
  readonly html: string;
  /** The step's link or button; undefined once done. */
  readonly link?: { readonly href: string; readonly label: string; readonly post: boolean };
}

/**
 * The getting-started checklist with two plugins registered (Fitbit, first as in the registry, and
 * the fake Acme) and the sandbox on: each connection step is done by either plugin's connection, and
 * leads to the one connection it is about, named, or else to the list of connections, in words that
 * name no upstream; the TRY step is a button only when it is about one connection.
 */
describe('the getting-started checklist with several plugins', () => {
  const fitbit = connectionPlugins().get('fitbit')!;
  const dashboard = useSignedInDashboard({ plugins: new Map([...connectionPlugins(), ['acme', fakePlugin()]]), environment: { FITGATE_SANDBOX: 'on' } });
  const social = '/manage/t/default/social';
  let webClient = '';
  let machineClient = '';

  beforeAll(async () => {
    const { store } = dashboard.harness();
    ({ client: { clientId: webClient } } = await createClient(store.clients, { tenant: 'default', name: 'Step Counter', appType: 'regular_web', callbacks: ['https://steps.example/cb'] }));
    ({ client: { clientId: machineClient } } = await createClient(store.clients, { tenant: 'default', name: 'Machine only', appType: 'non_interactive', callbacks: [] }));
  });

  async function steps(): Promise<Record<string, ShownStep>> {
    const { text } = await dashboard.agent().get('/manage/t/default').expect(200);
    expect(text).toContain('id="getting-started"');
    return Object.fromEntries(
      [...text.matchAll(/<li class="(done|todo)" data-step="([a-z_]+)">([\s\S]*?)<\/li>/g)].map(([, state, key, html]) => [key!, { state: state as ShownStep['state'], html: html!, link: linkOf(html!) }]),
    );
  }

  function linkOf(html: string): ShownStep['link'] {
    const button = /<form method="post" action="([^"]+)" class="button-form">.*<button type="submit" class="link-button">([^<]+)<\/button>/.exec(html);
    if (button) return { href: button[1]!, label: button[2]!, post: true };
    const anchor = /<a href="([^"]+)">([^<]+)<\/a>/.exec(html);
    return anchor ? { href: anchor[1]!, label: anchor[2]!, post: false } : undefined;
  }

  /** A successful TRY of the named connection's current settings in the logs, as try_log_event.ts records one. */
  async function loggedTry(name: string): Promise<void> {
    const { store } = dashboard.harness();
    const connection = (await store.connections.getByName('default', name))!;
    await recordLogEvent(store, {
      tenant: 'default',
      type: 's',
      description: 'Successful login (Try from the dashboard; no user created)',
      connection: name,
      connectionId: connection.id,
      details: { try: true, api: connection.options.api, settings: settingsFingerprint(connection.options) },
    });
  }

  async function enableFitbitFor(clientId: string): Promise<void> {
    const { store } = dashboard.harness();
    const connection = (await store.connections.getByName('default', 'fitbit'))!;
    await store.connections.update({ ...connection, enabledClients: [clientId] });
  }

  it('leads every connection step to the list of connections before any is saved, naming no upstream, with TRY a plain link', async () => {
    const now = await steps();
    expect(now.credentials).toMatchObject({ state: 'todo', link: { href: social, label: 'Paste your upstream&#39;s credentials, or keep the sandbox', post: false } });
    expect(now.try).toMatchObject({ state: 'todo', link: { href: social, label: 'Try a connection', post: false } });
    expect(now.enable).toMatchObject({ state: 'todo', link: { href: social, label: 'Enable a connection for your application', post: false } });
    // The list they lead to offers every plugin's.
    const { text } = await dashboard.agent().get(social).expect(200);
    expect(text).toContain(`<a href="${social}/fitbit">Fitbit</a>`);
    expect(text).toContain(`<a href="${social}/acme">Acme</a>`);
  });

  it('leads every connection step to the one connection saved, by name, while none has credentials', async () => {
    // Added from its settings page, as an admin adds a second plugin's connection.
    expect((await submitForm(dashboard.agent(), `${social}/acme`, `${social}/acme`, { api: 'acme-v2', client_id: '', client_secret: '', scope: ['steps'] })).status).toBe(303);
    const now = await steps();
    expect(now.credentials).toMatchObject({ state: 'todo', link: { href: `${social}/acme`, label: 'Paste your Acme credentials, or keep the sandbox', post: false } });
    expect(now.try).toMatchObject({ state: 'todo', link: { href: `${social}/acme/try`, label: 'Try the Acme connection', post: true } });
    expect(now.enable).toMatchObject({ state: 'todo', link: { href: `${social}/acme/applications`, label: 'Enable the Acme connection for your application', post: false } });
  });

  it('marks the credentials done by Fitbit’s sandbox connection, as first start creates it, and leads TRY and enabling to it', async () => {
    await dashboard.harness().store.connections.create(newConnection('default', fitbit, newConnectionOptions(fitbit)));
    const now = await steps();
    expect(now.credentials?.state).toBe('done');
    expect(now.credentials?.html).toContain('(using the sandbox: no real Fitbit account needed yet)');
    expect(now.try).toMatchObject({ state: 'todo', link: { href: `${social}/fitbit/try`, label: 'Try the Fitbit connection', post: true } });
    expect(now.enable).toMatchObject({ state: 'todo', link: { href: `${social}/fitbit/applications`, label: 'Enable the Fitbit connection for your application', post: false } });
  });

  it('leads TRY and enabling to the list once both connections have something to try, with no word of the sandbox', async () => {
    const page = `${social}/acme`;
    expect((await submitForm(dashboard.agent(), page, page, { api: 'acme-v2', client_id: 'acme-client', client_secret: 'acme-secret', scope: ['steps'] })).status).toBe(303);
    const now = await steps();
    expect(now.credentials?.state).toBe('done');
    expect(now.credentials?.html).not.toContain('sandbox:');
    expect(now.try).toMatchObject({ state: 'todo', link: { href: social, label: 'Try a connection', post: false } });
    expect(now.enable).toMatchObject({ state: 'todo', link: { href: social, label: 'Enable a connection for your application', post: false } });
    // Where each has its own Try button.
    const { text } = await dashboard.agent().get(social).expect(200);
    expect(text).toContain(`action="${social}/acme/try"`);
    expect(text).toContain(`action="${social}/fitbit/try"`);
  });

  it('marks TRY done by a TRY of Acme’s current settings, and then leads enabling to the connection tried', async () => {
    await loggedTry('acme');
    const now = await steps();
    expect(now.try?.state).toBe('done');
    expect(now.enable).toMatchObject({ state: 'todo', link: { href: `${social}/acme/applications`, label: 'Enable the Acme connection for your application', post: false } });
  });

  it('marks enabling done by Fitbit’s connection enabled for an application people sign in to, not for a machine-to-machine one', async () => {
    await enableFitbitFor(machineClient);
    expect((await steps()).enable?.state).toBe('todo');
    await enableFitbitFor(webClient);
    const now = await steps();
    expect(now).toMatchObject({ credentials: { state: 'done' }, try: { state: 'done' }, enable: { state: 'done' }, first_login: { state: 'todo' } });
  });
});
