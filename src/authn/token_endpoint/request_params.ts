import { InvalidRequestError } from '../../errors/index.js';

/**
 * The parameters of a form or JSON body (Auth0's SDKs send JSON) as single strings. RFC 6749 §3.1
 * and §3.2: a parameter sent without a value counts as omitted, and none may be sent twice (the form
 * parser turns a repeated one into an array, which is refused here, as is any non-string JSON value).
 */
export function readRequestParams(body: unknown): Record<string, string> {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidRequestError('the request body must be a form or a JSON object');
  }
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined || value === null || value === '') continue;
    if (typeof value !== 'string') throw new InvalidRequestError(`${name} must be sent once, as a string`);
    params[name] = value;
  }
  return params;
}

export function requireParam(params: Readonly<Record<string, string>>, name: string): string {
  const value = params[name];
  if (value === undefined) throw new InvalidRequestError(`${name} is required`);
  return value;
}

/** A space-separated scope parameter as a list without duplicates. */
export function splitScope(scope: string | undefined): string[] {
  return [...new Set((scope ?? '').split(' ').filter(Boolean))];
}
