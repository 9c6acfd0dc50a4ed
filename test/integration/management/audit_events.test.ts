import { describe, expect, it } from '@jest/globals';
import { useManagementHarness } from './harness.js';

// Every Management API write leaves Auth0's sapi (success) or fapi (failure) event, naming the
// calling client and the request, and never a body: bodies carry client and upstream secrets.

let writer: string;
let logReader: string;
const harness = useManagementHarness('management-audit', async (started) => {
  writer = await started.tokenWith(['create:clients', 'update:clients']);
  logReader = await started.tokenWith(['read:logs']);
});

async function newestEvent(type: string): Promise<Record<string, unknown>> {
  const logs = await harness.call('get', `/logs?type=${type}&per_page=1`, logReader);
  return (logs.body as Array<Record<string, unknown>>)[0]!;
}

describe('Management API audit events', () => {
  it('records a successful write as sapi with the caller, method, path and status, without the secret', async () => {
    const created = await harness.call('post', '/clients', writer, { name: 'Audited' });
    const event = await newestEvent('sapi');

    expect(event).toMatchObject({
      type: 'sapi',
      description: 'Create a client',
      client_id: expect.any(String),
      hostname: new URL(`http://${harness.host}`).hostname,
      details: { request: { method: 'POST', path: '/api/v2/clients' }, response: { statusCode: 201 } },
    });
    expect(JSON.stringify(event)).not.toContain(created.body.client_secret);
  });

  it('records a refused write as fapi with the status and error code', async () => {
    await harness.call('patch', '/clients/no-such-client', writer, { name: 'x' });

    expect(await newestEvent('fapi')).toMatchObject({
      type: 'fapi',
      description: 'Update a client',
      details: { response: { statusCode: 404 }, error: { errorCode: 'inexistent_client' } },
    });
  });

  it('records nothing for a read', async () => {
    const reader = await harness.tokenWith(['read:clients']);
    const before = (await harness.call('get', '/logs?include_totals=true', logReader)).body.total as number;
    expect((await harness.call('get', '/clients', reader)).status).toBe(200);
    expect((await harness.call('get', '/logs?include_totals=true', logReader)).body.total).toBe(before);
  });
});
