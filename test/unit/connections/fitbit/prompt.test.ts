import { describe, expect, it } from '@jest/globals';
import { upstreamPrompt } from '../../../../src/connections/fitbit/prompt.js';

describe('upstreamPrompt', () => {
  it.each([
    [[], undefined, undefined],
    [['login'], 'login', 'select_account'],
    [['consent'], 'consent', 'consent'],
    [['login', 'consent'], 'login consent', 'consent select_account'],
    [['select_account'], 'login', 'select_account'],
  ])('maps %j to Fitbit %p and Google %p', (prompt, legacy, google) => {
    expect(upstreamPrompt('fitbit-legacy', prompt)).toBe(legacy);
    expect(upstreamPrompt('google-health', prompt)).toBe(google);
  });
});
