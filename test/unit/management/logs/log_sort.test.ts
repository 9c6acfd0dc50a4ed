import { describe, expect, it } from '@jest/globals';
import { readLogSort } from '../../../../src/management/logs/log_sort.js';

describe('sort on GET /api/v2/logs', () => {
  it('reads date:-1, a blank or absent sort as newest first, and date:1 as oldest first', () => {
    for (const sort of [undefined, '', 'date:-1']) expect(readLogSort({ sort })).toEqual({ oldestFirst: false });
    expect(readLogSort({ sort: 'date:1' })).toEqual({ oldestFirst: true });
  });

  it('refuses any other sort, naming sort and what is supported, instead of ignoring it', () => {
    expect(() => readLogSort({ sort: 'type:1' })).toThrow(
      "Query validation error: 'sorting by type:1 is not supported. Supported: date:-1 (newest first, the default) and date:1 (oldest first)' on property sort.",
    );
    for (const sort of ['date', 'date:asc', ['date:1', 'date:-1']]) {
      expect(() => readLogSort({ sort })).toThrow(/'Must be field:1 or field:-1\. Supported: .*' on property sort\.$/);
    }
  });
});
