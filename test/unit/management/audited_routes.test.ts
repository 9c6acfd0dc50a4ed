import { describe, expect, it } from '@jest/globals';
import { CONFIG_CHANGES, configChange } from '../../../src/domain/config_changes.js';
import { MANAGEMENT_ROUTES } from '../../../src/management/routes.js';

/**
 * The dashboard logs a change by the catalogue entry the Management API's route names
 * (domain/config_changes.ts), so an entry must be the route's own: its method and path.
 */
describe('the configuration changes the Management API audits', () => {
  const audited = MANAGEMENT_ROUTES.filter((route) => route.audit !== undefined);

  it('audits every write, and nothing else', () => {
    expect(MANAGEMENT_ROUTES.filter((route) => (route.method === 'get') === (route.audit !== undefined))).toEqual([]);
  });

  it.each(audited.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))('names the catalogue entry of %s', (_name, route) => {
    expect(Object.values(CONFIG_CHANGES)).toContain(route.audit);
    expect({ method: route.audit!.method, route: route.audit!.route }).toEqual({ method: route.method.toUpperCase(), route: route.path });
  });

  it('has no entry that no route names: every change the dashboard makes, the Management API makes too', () => {
    const named = new Set(audited.map((route) => route.audit));
    expect(Object.entries(CONFIG_CHANGES).filter(([, kind]) => !named.has(kind)).map(([name]) => name)).toEqual([]);
  });

  it('writes the path of a change with each record id encoded as a path segment', () => {
    expect(configChange(CONFIG_CHANGES.deleteUser, { id: 'fitbit|GGNJL9' })).toEqual({
      description: 'Delete a user',
      method: 'DELETE',
      path: '/api/v2/users/fitbit%7CGGNJL9',
      statusCode: 204,
    });
    expect(() => configChange(CONFIG_CHANGES.updateClient)).toThrow(RangeError);
  });
});
