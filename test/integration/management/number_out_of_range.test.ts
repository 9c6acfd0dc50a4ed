import { describe, expect, it } from '@jest/globals';
import { useManagementHarness } from './harness.js';

/**
 * JSON may write a number no double holds (1e400 reads as Infinity). The API says the number is out
 * of range, where it used to say "Expected type number but found type number".
 */
let token = '';
const harness = useManagementHarness('management-number-out-of-range', async (running) => {
  token = await running.tokenWith(['read:tenant_settings', 'update:tenant_settings']);
});

const patchRaw = (json: string) => harness.call('patch', '/tenants/settings', token).set('Content-Type', 'application/json').send(json);

describe('a number beyond what JSON numbers can hold', () => {
  it.each([
    ['1e400', 'too large'],
    ['-1e400', 'too far below zero'],
  ])('%s is refused as out of range, naming the property', async (number, side) => {
    const answer = await patchRaw(`{"idle_session_lifetime": ${number}}`).expect(400);
    expect((answer.body as { message: string }).message).toBe(
      `Payload validation error: 'Number is out of range: ${side} to be represented (not finite)' on property idle_session_lifetime.`,
    );
  });

  it('changes nothing', async () => {
    await patchRaw('{"session_lifetime": 1e400}').expect(400);
    expect((await harness.call('get', '/tenants/settings', token).expect(200)).body).toEqual({ idle_session_lifetime: 72, session_lifetime: 168, allowed_logout_urls: [] });
  });
});
