import { describe, expect, it } from '@jest/globals';
import { TENANT, useBothWays } from './both_ways.js';

/**
 * "At most 128 characters" counts characters as a person does (code points): an emoji outside the
 * Basic Multilingual Plane is one character, though JavaScript stores it as two UTF-16 units.
 * Both ways count the same.
 */
const both = useBothWays();
const apps = `/manage/t/${TENANT}/applications`;

describe('the length of an application name', () => {
  it('accepts 128 emoji both ways and stores them as typed', async () => {
    const name = '🏃'.repeat(128);
    const dashboard = await both.form(`${apps}/new`, apps, { name, app_type: 'regular_web' });
    expect(dashboard.status).toBe(303);
    const api = await both.api('post', '/clients', { name, app_type: 'regular_web' }).expect(201);
    expect((api.body as { name: string }).name).toBe(name);
  });

  it('refuses 129 emoji both ways as more than 128 characters', async () => {
    const name = '🏃'.repeat(129);
    const dashboard = await both.form(`${apps}/new`, apps, { name, app_type: 'regular_web' });
    expect(dashboard.status).toBe(400);
    expect(dashboard.text).toContain('The name must be at most 128 characters');
    const api = await both.api('post', '/clients', { name, app_type: 'regular_web' }).expect(400);
    expect((api.body as { message: string }).message).toBe("Payload validation error: 'Must be at most 128 characters' on property name.");
  });
});
