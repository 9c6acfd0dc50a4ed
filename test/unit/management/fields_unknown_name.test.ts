import { describe, expect, it } from '@jest/globals';
import { readFieldSelection } from '../../../src/management/fields.js';

/**
 * A selection to keep that names no property the resource has is a 400 naming them, never an answer
 * of empty records; unknown names beside known ones, or left out, change nothing (Auth0 has properties
 * fitgate does not, and scripts written for it name them).
 */
const known = ['client_id', 'name', 'callbacks'];

describe('fields naming a property the resource does not have', () => {
  it.each([
    [{ fields: 'bogus' }, "'Unknown field bogus (top-level properties only: client_id, name, callbacks)' on property fields."],
    [{ fields: 'bogus,jwt_configuration.alg' }, "'Unknown fields bogus, jwt_configuration.alg (top-level"],
  ])('refuses %j', (query, message) => {
    expect(() => readFieldSelection(query, known)).toThrow(message);
  });

  it('passes over unknown names beside known ones, and in a selection to leave out', () => {
    expect(readFieldSelection({ fields: 'name,global' }, known)).toEqual({ fields: new Set(['name', 'global']), include: true });
    expect(readFieldSelection({ fields: 'global', include_fields: 'false' }, known)).toEqual({ fields: new Set(['global']), include: false });
  });

  it('takes names the resource has', () => {
    expect(readFieldSelection({ fields: 'name, client_id' }, known)).toEqual({ fields: new Set(['name', 'client_id']), include: true });
  });
});
