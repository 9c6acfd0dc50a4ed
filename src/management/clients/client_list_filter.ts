import { z } from 'zod';
import type { Client } from '../../domain/types.js';
import { BadRequestError } from '../../errors/index.js';
import { parseQuery } from '../validation.js';
import { isFirstParty } from './client_json.js';

/**
 * GET /clients's filters, as Auth0 takes them: `app_type` (a comma-separated list, any of them),
 * `is_first_party` and `is_global`. Every fitgate application is non-global (Auth0's global client
 * is a legacy tenant-wide one fitgate does not have), so is_global=true matches none and false all.
 */
export interface ClientListFilter {
  appTypes?: ReadonlySet<string>;
  isFirstParty?: boolean;
  isGlobal?: boolean;
}

/**
 * Auth0's application types (node-auth0 7's ClientAppTypeEnum). A filter may name any of them (a
 * fitgate application is one of the first four, so the others match none); any other word is a
 * 400, since a misspelt type would otherwise quietly match nothing.
 */
const AUTH0_APP_TYPES: ReadonlySet<string> = new Set([
  'native', 'spa', 'regular_web', 'non_interactive', 'resource_server', 'express_configuration', 'rms', 'box', 'cloudbees',
  'concur', 'dropbox', 'mscrm', 'echosign', 'egnyte', 'newrelic', 'office365', 'salesforce', 'sentry', 'sharepoint', 'slack',
  'springcm', 'zendesk', 'zoom', 'sso_integration', 'oag',
]);

const trueOrFalse = z.enum(['true', 'false'], { error: 'Must be true or false' }).transform((value) => value === 'true');

const clientListQuery = z.looseObject({
  app_type: z.string().max(1000, 'Must be at most 1000 characters').optional(),
  is_first_party: trueOrFalse.optional(),
  is_global: trueOrFalse.optional(),
});

export const CLIENT_FILTER_PARAMS: readonly string[] = Object.keys(clientListQuery.shape);

/** The filter the query asks for; undefined when it asks for none (the list is paged by the store). */
export function readClientListFilter(query: unknown): ClientListFilter | undefined {
  const { app_type: appType, is_first_party: firstParty, is_global: global } = parseQuery(clientListQuery, query);
  const filter: ClientListFilter = {};
  if (appType !== undefined) filter.appTypes = appTypesOf(appType);
  if (firstParty !== undefined) filter.isFirstParty = firstParty;
  if (global !== undefined) filter.isGlobal = global;
  return Object.keys(filter).length === 0 ? undefined : filter;
}

export function matchesClientFilter(client: Client, filter: ClientListFilter): boolean {
  return (
    (filter.appTypes === undefined || filter.appTypes.has(client.appType)) &&
    (filter.isFirstParty === undefined || isFirstParty(client) === filter.isFirstParty) &&
    filter.isGlobal !== true
  );
}

function appTypesOf(list: string): ReadonlySet<string> {
  const names = list.split(',').map((name) => name.trim()).filter((name) => name !== '');
  // An empty list asks for no type at all; answering every application instead would be the surprise.
  if (names.length === 0) refuse('Must name at least one application type');
  const unknown = names.find((name) => !AUTH0_APP_TYPES.has(name));
  if (unknown !== undefined) refuse(`No enum match for: ${JSON.stringify(unknown)}`);
  return new Set(names);
}

function refuse(problem: string): never {
  throw new BadRequestError(`Query validation error: '${problem}' on property app_type.`, 'invalid_query_string');
}
