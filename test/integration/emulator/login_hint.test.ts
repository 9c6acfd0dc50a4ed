import { describe, expect, it } from '@jest/globals';
import { buildAuthorizeUrl } from '../../support/emulator.js';
import { useEmulator } from '../../support/use_emulator.js';

const emulator = useEmulator({ resetAfterEach: false });

/** The logins the consent page's user picker offers, and the one it starts on (marked selected). */
async function userPicker(url: string): Promise<{ offered: string[]; selected: string[] }> {
  const response = await fetch(url);
  expect(response.status).toBe(200);
  const html = await response.text();
  const options = [...html.matchAll(/<option value="([^"]+)"( selected)?>/g)];
  return { offered: options.map((match) => match[1]!), selected: options.filter((match) => match[2]).map((match) => match[1]!) };
}

describe('login_hint at the emulated authorize pages', () => {
  it('preselects the Google test user whose email address the hint is, case aside, and still offers the others', async () => {
    const picker = await userPicker(buildAuthorizeUrl(emulator.url, 'google-health', { login_hint: 'Bob@Example.com' }));
    expect(picker.selected).toEqual(['bob']);
    expect(picker.offered).toEqual(expect.arrayContaining(['alice', 'bob', 'carol']));
  });

  it('preselects the Google test user whose account id (sub) the hint is', async () => {
    const picker = await userPicker(buildAuthorizeUrl(emulator.url, 'google-health', { login_hint: '108234567890123456791' }));
    expect(picker.selected).toEqual(['carol']);
  });

  it('preselects nobody for a hint that names no test user, or without a hint', async () => {
    expect((await userPicker(buildAuthorizeUrl(emulator.url, 'google-health', { login_hint: 'nobody@example.com' }))).selected).toEqual([]);
    expect((await userPicker(buildAuthorizeUrl(emulator.url, 'google-health'))).selected).toEqual([]);
  });

  it('ignores it on Fitbit’s legacy page, which documents no login_hint', async () => {
    const picker = await userPicker(buildAuthorizeUrl(emulator.url, 'fitbit-legacy', { login_hint: 'bob@example.com' }));
    expect(picker.selected).toEqual([]);
    expect(picker.offered).toEqual(expect.arrayContaining(['alice', 'bob', 'carol']));
  });
});
