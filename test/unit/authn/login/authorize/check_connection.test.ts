import { describe, expect, it } from '@jest/globals';
import { aConnection } from '../../../../support/authn/records.js';
import { runChecks, validParams } from './run_checks.js';

describe('check_connection', () => {
  it('selects a named connection that is enabled for the client', async () => {
    const outcome = await runChecks(validParams({ connection: 'fitbit' }));
    expect(outcome.error).toBeUndefined();
    expect(outcome.ctx.connection?.name).toBe('fitbit');
  });

  it('refuses a named connection that is not enabled for the client, through the redirect', async () => {
    const outcome = await runChecks(validParams({ connection: 'fitbit' }), {
      connections: [aConnection({ enabledClients: ['someone_else'] })],
    });
    expect(outcome.error?.code).toBe('invalid_request');
    expect(outcome.error?.description).toContain('not enabled');
    expect(outcome.redirected).toBe(true);
  });

  it('refuses a connection name that does not exist', async () => {
    const outcome = await runChecks(validParams({ connection: 'github' }));
    expect(outcome.error?.code).toBe('invalid_request');
  });

  it('refuses a connection whose strategy has no installed plugin', async () => {
    const outcome = await runChecks(validParams({ connection: 'strava' }), {
      connections: [aConnection({ name: 'strava', strategy: 'strava' })],
    });
    expect(outcome.error?.code).toBe('invalid_request');
  });

  it('lists only the connections enabled for the client when none is named', async () => {
    const outcome = await runChecks(validParams(), {
      connections: [aConnection(), aConnection({ id: 'con_other', name: 'fitbit-staff', enabledClients: [] })],
    });
    expect(outcome.ctx.enabledConnections.map((c) => c.name)).toEqual(['fitbit']);
  });

  it('refuses a client with no enabled connection', async () => {
    const outcome = await runChecks(validParams(), { connections: [aConnection({ enabledClients: [] })] });
    expect(outcome.error?.code).toBe('invalid_request');
    expect(outcome.redirected).toBe(true);
  });
});
