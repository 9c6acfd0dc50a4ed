import { describe, expect, it } from '@jest/globals';
import { setTimeout as delay } from 'node:timers/promises';
import { withinPatience } from '../../../src/domain/within_patience.js';

describe('withinPatience', () => {
  it('answers with the work when it settles in time', async () => {
    await expect(withinPatience(delay(5, 'work'), 200, () => 'meanwhile')).resolves.toBe('work');
    await expect(withinPatience(Promise.reject(new Error('failed')), 200, () => 'meanwhile')).rejects.toThrow('failed');
  });

  it('answers with what meanwhile offers once the patience is spent', async () => {
    await expect(withinPatience(delay(500, 'work'), 20, () => 'meanwhile')).resolves.toBe('meanwhile');
  });

  it('waits on for the work when meanwhile offers nothing', async () => {
    await expect(withinPatience(delay(60, 'work'), 20, () => undefined)).resolves.toBe('work');
  });
});
