import { describe, expect, it } from '@jest/globals';
import { checkpointPage, decodeCheckpoint, encodeCheckpoint, readCheckpointRequest } from '../../../src/management/checkpoint.js';

const ids = ['c', 'a', 'e', 'b', 'd'];
const self = (id: string) => id;

/** Every page a caller gets by sending back each `next` as `from`. */
function walk(items: readonly string[], take: number): string[][] {
  const pages: string[][] = [];
  let from: string | undefined;
  do {
    const page = checkpointPage(items, self, from === undefined ? { take } : { take, from: decodeCheckpoint(from) });
    pages.push(page.items);
    from = page.next;
  } while (from !== undefined && pages.length < 10);
  return pages;
}

describe('checkpoint paging (from, take)', () => {
  it('answers take items in id order, and next while more remain', () => {
    const first = checkpointPage(ids, self, { take: 2 });
    expect(first.items).toEqual(['a', 'b']);
    expect(first.next).toBe(encodeCheckpoint('c'));
    expect(walk(ids, 2)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('gives no next on the last page, also when it is exactly full', () => {
    expect(checkpointPage(ids, self, { take: 5 })).toEqual({ items: ['a', 'b', 'c', 'd', 'e'] });
    expect(checkpointPage([], self, { take: 5 })).toEqual({ items: [] });
  });

  it('neither repeats nor skips an item that stayed when the list changes between pages', () => {
    const first = checkpointPage(ids, self, { take: 2 });
    // 'a' removed and 'bb' added before the next page: it starts at the checkpoint, not at an offset.
    const changed = ['b', 'bb', 'c', 'd', 'e'];
    const second = checkpointPage(changed, self, { take: 2, from: decodeCheckpoint(first.next!) });
    expect(second.items).toEqual(['c', 'd']);
  });

  it('refuses a from this API did not hand out, naming from', () => {
    for (const forged of ['**', 'YQ==', 'AAAA', '12345', 'a b']) {
      expect(() => decodeCheckpoint(forged)).toThrow("Query validation error: 'Must be a next value from a previous page' on property from.");
    }
    expect(decodeCheckpoint(encodeCheckpoint('con_8f2a'))).toBe('con_8f2a');
  });

  it('reads take (default 50, at most the route maximum) and from', () => {
    expect(readCheckpointRequest({}, 100)).toEqual({ take: 50 });
    expect(readCheckpointRequest({ take: '7', from: encodeCheckpoint('x') }, 100)).toEqual({ take: 7, from: 'x' });
    expect(() => readCheckpointRequest({ take: '101' }, 100)).toThrow(/on property take\.$/);
    expect(readCheckpointRequest({ take: '1000' }, 1000)).toEqual({ take: 1000 });
    expect(() => readCheckpointRequest({ from: ['a', 'b'] }, 100)).toThrow(/on property from\.$/);
  });
});
