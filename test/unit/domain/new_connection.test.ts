import { describe, expect, it } from '@jest/globals';
import { newConnection } from '../../../src/domain/new_connection.js';

/** Every new connection record (first start, the dashboard's first save) is built one way. */
describe('a new connection', () => {
  const options = { api: 'acme-v2', scope: ['steps'], profileSync: 'on_each_login' as const };

  it('is named after its plugin’s strategy, enabled for no application, created and updated now', () => {
    const now = new Date('2026-12-06T10:00:00.000Z');
    expect(newConnection('acme', { strategy: 'acme' }, options, now)).toEqual({
      tenant: 'acme',
      id: expect.stringMatching(/^con_[A-Za-z0-9_-]{16}$/),
      name: 'acme',
      strategy: 'acme',
      options,
      enabledClients: [],
      createdAt: '2026-12-06T10:00:00.000Z',
      updatedAt: '2026-12-06T10:00:00.000Z',
    });
  });

  it('gets a fresh id each time', () => {
    expect(newConnection('acme', { strategy: 'acme' }, options).id).not.toBe(newConnection('acme', { strategy: 'acme' }, options).id);
  });
});
