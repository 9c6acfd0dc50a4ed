import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { BadRequestError } from '../../../src/errors/index.js';
import { parseBody, parseQuery } from '../../../src/management/validation.js';

const schema = z.strictObject({ name: z.string().min(1, 'Must not be empty'), tags: z.array(z.string()).optional() });

function rejection(run: () => unknown): BadRequestError {
  try {
    run();
  } catch (error) {
    if (error instanceof BadRequestError) return error;
    throw error;
  }
  throw new Error('expected a BadRequestError');
}

describe('Management API validation', () => {
  it('returns the parsed body when it is valid', () => {
    expect(parseBody(schema, { name: 'x' })).toEqual({ name: 'x' });
  });

  it('names the first bad property in Auth0’s words, nested paths included', () => {
    const error = rejection(() => parseBody(schema, { name: 'x', tags: ['ok', 7] }));
    expect(error.code).toBe('invalid_body');
    expect(error.description).toMatch(/^Payload validation error: '.+' on property tags\.1\.$/);
  });

  it('names unknown properties instead of dropping them', () => {
    const error = rejection(() => parseBody(schema, { name: 'x', nmae: 'y' }));
    expect(error.description).toBe("Payload validation error: 'Additional properties not allowed: nmae'.");
  });

  it('treats a missing body as an empty object, so required properties are named', () => {
    expect(rejection(() => parseBody(schema, undefined)).description).toMatch(/on property name\.$/);
  });

  it('reports query problems as invalid_query_string', () => {
    const error = rejection(() => parseQuery(z.object({ page: z.string().regex(/^\d+$/, 'Must be a whole number') }), { page: 'x' }));
    expect(error.code).toBe('invalid_query_string');
    expect(error.description).toBe("Query validation error: 'Must be a whole number' on property page.");
  });
});
