import { describe, expect, it } from '@jest/globals';
import { readFieldSelection, selectFields } from '../../../src/management/fields.js';

const user = { user_id: 'fitbit|A', email: 'ada@example.com', name: 'Ada', identities: [] };
const known = Object.keys(user);

describe('fields and include_fields', () => {
  it('keeps only the listed top-level fields by default', () => {
    expect(selectFields(user, readFieldSelection({ fields: 'user_id, email' }, known))).toEqual({ user_id: 'fitbit|A', email: 'ada@example.com' });
  });

  it('leaves the listed fields out with include_fields=false', () => {
    expect(selectFields(user, readFieldSelection({ fields: 'identities,name', include_fields: 'false' }, known))).toEqual({
      user_id: 'fitbit|A',
      email: 'ada@example.com',
    });
  });

  it('answers every field when fields is absent or empty', () => {
    expect(readFieldSelection({}, known)).toBeUndefined();
    expect(selectFields(user, readFieldSelection({ fields: ' , ', include_fields: 'false' }, known))).toEqual(user);
  });

  it.each([
    [{ include_fields: 'yes' }, 'include_fields'],
    [{ fields: 'user_id;drop' }, 'fields'],
    [{ fields: ['a', 'b'] }, 'fields'],
  ])('refuses %j naming %s', (query, property) => {
    expect(() => readFieldSelection(query, known)).toThrow(new RegExp(`on property ${property}\\.$`));
  });
});
