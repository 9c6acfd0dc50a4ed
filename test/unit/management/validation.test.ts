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
    expect(rejection(() => parseBody(schema, undefined)).description).toBe("Payload validation error: 'Missing required property: name'.");
  });

  it('names a missing nested property in its parent object, as Auth0 does', () => {
    const nested = z.object({ options: z.object({ client_id: z.string() }) });
    expect(rejection(() => parseBody(nested, { options: {} })).description).toBe(
      "Payload validation error: 'Missing required property: client_id' on property options.",
    );
  });

  it.each([
    [{ name: null }, "'Expected type string but found type null' on property name."],
    [{ name: 'x', tags: 'a' }, "'Expected type array but found type string' on property tags."],
    [{ name: 'x', count: 1.5 }, "'Expected type integer but found type number' on property count."],
    [{ name: 'x', count: 0 }, "'Value 0 is less than minimum 1' on property count."],
    [{ name: 'x', count: 11 }, "'Value 11 is greater than maximum 10' on property count."],
    [{ name: 'x', code: 'abcd' }, "'String is too long (4 chars), maximum 3' on property code."],
    [{ name: 'x', tags: [] }, "'Array is too short (0), minimum 1' on property tags."],
    [{ name: 'x', kind: 'c' }, '\'No enum match for: "c"\' on property kind.'],
    [{ name: 'x', contact: 'a@' }, "'Object didn't pass validation for format email: a@' on property contact."],
    [[], "'Expected type object but found type array' on property body."],
  ])('words zod’s own findings as Auth0 does: %j', (body, expected) => {
    const worded = z.strictObject({
      name: z.string().min(1, 'Must not be empty'),
      tags: z.array(z.string()).min(1).optional(),
      count: z.number().int().min(1).max(10).optional(),
      code: z.string().max(3).optional(),
      kind: z.enum(['a', 'b']).optional(),
      contact: z.email().optional(),
    });
    expect(rejection(() => parseBody(worded, body)).description).toBe(`Payload validation error: ${expected}`);
  });

  it('keeps a message the schema sets itself', () => {
    expect(rejection(() => parseBody(schema, { name: '' })).description).toBe("Payload validation error: 'Must not be empty' on property name.");
    const custom = z.object({ email: z.string({ error: 'Must be an email address' }) });
    expect(rejection(() => parseBody(custom, {})).description).toBe("Payload validation error: 'Must be an email address' on property email.");
  });

  it('reports query problems as invalid_query_string', () => {
    const error = rejection(() => parseQuery(z.object({ page: z.string().regex(/^\d+$/, 'Must be a whole number') }), { page: 'x' }));
    expect(error.code).toBe('invalid_query_string');
    expect(error.description).toBe("Query validation error: 'Must be a whole number' on property page.");
  });
});
