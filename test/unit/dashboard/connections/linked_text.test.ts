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

  it('leaves the addresses it is told to skip as text', () => {
    const callback = 'https://auth.example.com/login/callback';
    expect(linkedText(`Add exactly: ${callback}`, [callback])).toEqual([{ text: `Add exactly: ${callback}` }]);
  });
});
