import { describe, expect, it } from '@jest/globals';
import { safeNextPath } from '../../../src/dashboard/safe_next.js';

describe('where sign-in continues', () => {
  it('keeps a path inside the dashboard', () => {
    expect(safeNextPath('/manage/t/acme/users?q=bo')).toBe('/manage/t/acme/users?q=bo');
    expect(safeNextPath('/manage')).toBe('/manage');
  });

  it('sends anything else to the dashboard home', () => {
    for (const value of ['//evil.example/manage', 'https://evil.example/manage', '/manage\\@evil.example', '/managex', '/authorize', undefined, ['/manage']]) {
      expect(safeNextPath(value)).toBe('/manage');
    }
  });
});
