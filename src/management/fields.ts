import { z } from 'zod';
import { parseQuery } from './validation.js';

/**
 * Auth0's `fields` and `include_fields` on GET endpoints: a comma-separated list of top-level
 * properties to keep (include_fields=true, the default) or to leave out (false). Empty or absent
 * means every property. Shared by every resource that offers them (users, clients, connections, logs).
 */
export interface FieldSelection {
  readonly fields: ReadonlySet<string>;
  readonly include: boolean;
}

const fieldsQuery = z.looseObject({
  fields: z
    .string({ error: 'Must be a comma-separated list of field names' })
    .max(1000, 'Must be at most 1000 characters')
    .regex(/^[\w.,\s]*$/, 'Must be a comma-separated list of field names')
    .optional(),
  include_fields: z.enum(['true', 'false'], { error: 'Must be true or false' }).default('true'),
});

/** The two parameters, for a list's ManagementRoute.query. */
export const FIELD_PARAMS: readonly string[] = Object.keys(fieldsQuery.shape);

export function readFieldSelection(query: unknown): FieldSelection | undefined {
  const { fields, include_fields: include } = parseQuery(fieldsQuery, query);
  const names = new Set((fields ?? '').split(',').map((name) => name.trim()).filter((name) => name !== ''));
  return names.size === 0 ? undefined : { fields: names, include: include === 'true' };
}

/** Whether the answer keeps the top-level property `field`: always without a selection. */
export function selectsField(selection: FieldSelection | undefined, field: string): boolean {
  return !selection || selection.fields.has(field) === selection.include;
}

/** The JSON record with only the selected top-level properties (all of them without a selection). */
export function selectFields(json: Record<string, unknown>, selection: FieldSelection | undefined): Record<string, unknown> {
  if (!selection) return json;
  return Object.fromEntries(Object.entries(json).filter(([key]) => selectsField(selection, key)));
}
