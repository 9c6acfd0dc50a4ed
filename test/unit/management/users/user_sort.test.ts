import { describe, expect, it } from '@jest/globals';
import { BadRequestError } from '../../../../src/errors/index.js';
import { checkUserSort } from '../../../../src/management/users/user_sort.js';

/** The message of the 400 checkUserSort throws, or undefined when it accepts. */
function refusal(sort: string | undefined, searching = false): string | undefined {
  try {
    checkUserSort(sort, searching);
    return undefined;
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    expect(error.code).toBe('invalid_query_string');
    return error.message;
  }
}

describe('sort on GET /api/v2/users', () => {
  it('asks for nothing when absent or blank', () => {
    expect(refusal(undefined)).toBeUndefined();
    expect(refusal('')).toBeUndefined();
    expect(refusal(undefined, true)).toBeUndefined();
  });

  it('accepts created_at:-1, the order the list without q is in', () => {
    expect(refusal('created_at:-1')).toBeUndefined();
  });

  it('refuses every other order, naming the one supported, instead of ignoring it', () => {
    for (const sort of ['created_at:1', 'last_login:-1', 'email:1', 'name:-1', 'logins_count:1']) {
      expect(refusal(sort)).toBe(
        `Query validation error: 'sorting by ${sort} is not supported. Supported: created_at:-1 (newest first, the order of the list without q)' on property sort.`,
      );
    }
  });

  it("refuses what is not Auth0's field:1 or field:-1", () => {
    for (const sort of ['created_at', 'created_at:asc', 'created_at:0', ' created_at:-1', 'created_at:-1 ', 'a b:1']) {
      expect(refusal(sort)).toMatch(/^Query validation error: 'Must be field:1 or field:-1\. Supported: .*' on property sort\.$/);
    }
  });

  it('refuses even created_at:-1 beside q, whose results come in index order', () => {
    expect(refusal('created_at:-1', true)).toMatch(/sort cannot be combined with q: search results come in index order\. Supported: /);
  });
});
