import { describe, expect, it } from '@jest/globals';
import { linkedText } from '../../../../src/dashboard/connections/linked_text.js';

describe('setup steps with their addresses as links', () => {
  it('links an https address and leaves the closing parenthesis and full stop as text', () => {
    expect(linkedText('Open the console (https://console.cloud.google.com/) and go.')).toEqual([
      { text: 'Open the console (' },
      { text: 'https://console.cloud.google.com/', href: 'https://console.cloud.google.com/' },
      { text: ') and go.' },
    ]);
  });

  it.each([
    'https://www.googleapis.com/auth/googlehealth.AREA.readonly',
    'https://example.com/TENANT_NAME/callback',
    'https://example.com/apps/{id}',
    'https://example.com/apps/<name>',
  ])('leaves an address with a placeholder (%s) as text: it is a pattern, not a place', (url) => {
    expect(linkedText(`Add the scope (${url}).`)).toEqual([{ text: `Add the scope (${url}).` }]);
  });

  it('still links an address with capitals that are not a whole part of it', () => {
    expect(linkedText('See https://example.com/Apps/OAuth2')).toEqual([{ text: 'See ' }, { text: 'https://example.com/Apps/OAuth2', href: 'https://example.com/Apps/OAuth2' }]);
  });

  it('leaves the addresses it is told to skip as text', () => {
    const callback = 'https://auth.example.com/login/callback';
    expect(linkedText(`Add exactly: ${callback}`, [callback])).toEqual([{ text: `Add exactly: ${callback}` }]);
  });
});
