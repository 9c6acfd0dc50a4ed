import { z } from 'zod';
import { BadRequestError } from '../errors/index.js';
import { parseQuery } from './validation.js';

/**
 * Auth0's `fields` and `include_fields` on GET endpoints: a comma-separated list of top-level
 * properties to keep (include_fields=true, the default) or to leave out (false). Empty or absent
 * means every property. Shared by every resource that offers them (users, clients, connections,
 * logs, tenant settings). A selection to keep that names no property the resource has is a 400
 * naming them: it would answer `{}` for every record, as if the records were empty. A name unknown
 * among known ones, or in a selection to leave out, changes nothing and is passed over: Auth0 has
 * properties fitgate does not (`global`, `is_first_party`…), and a script written for it names them.
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

/** The selection in `query`, whose names must be among `known`, the resource's top-level properties. */
export function readFieldSelection(query: unknown, known: readonly string[]): FieldSelection | undefined {
  const { fields, include_fields: include } = parseQuery(fieldsQuery, query);
  const names = new Set((fields ?? '').split(',').map((name) => name.trim()).filter((name) => name !== ''));
  const unknown = [...names].filter((name) => !known.includes(name));
  // Only a selection that keeps nothing is refused: other unknown names change nothing and are
  // passed over, so a script written for Auth0 naming a property fitgate does not have still works.
  if (include !== 'false' && unknown.length > 0 && unknown.length === names.size) {
    const which = unknown.length === 1 ? `Unknown field ${unknown[0]!}` : `Unknown fields ${unknown.join(', ')}`;
    throw new BadRequestError(`Query validation error: '${which} (top-level properties only: ${known.join(', ')})' on property fields.`, 'invalid_query_string');
  }
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
