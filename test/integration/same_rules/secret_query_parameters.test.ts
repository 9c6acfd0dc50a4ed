import { describe, expect, it } from '@jest/globals';
import { redactUrl as redactForTry } from '../../../src/dashboard/try/redact.js';
import { redactUrl as redactForLog, SECRET_QUERY_PARAMETERS } from '../../../src/logging/redact_url.js';

/**
 * A query parameter that carries a secret is one list (logging/redact_url.ts): the request log and
 * what the dashboard's TRY shows hide the same ones, each with its own marker, so a value a new flow
 * puts in a URL is added once and hidden in both.
 */
const hiddenBy = {
  log: (url: string, name: string) => !new URL(redactForLog(url)).searchParams.get(name)?.includes('seen'),
  try: (url: string, name: string) => !new URL(redactForTry(url)).searchParams.get(name)?.includes('seen'),
};

describe('secret query parameters, in the request log and in TRY', () => {
  it.each([...SECRET_QUERY_PARAMETERS])('hides %s in both', (name) => {
    const url = `https://up.example/authorize?client_id=seen-client&${name}=seen-value`;
    expect({ log: hiddenBy.log(url, name), try: hiddenBy.try(url, name) }).toEqual({ log: true, try: true });
    expect(new URL(redactForTry(url)).searchParams.get('client_id')).toBe('seen-client');
  });

  it.each(['nonce', 'login_hint', 'ticket', 'State', 'CODE'])('hides %s in both (a name the two once disagreed on, or in another case)', (name) => {
    const url = `https://up.example/authorize?${name}=seen-value`;
    expect({ log: hiddenBy.log(url, name), try: hiddenBy.try(url, name) }).toEqual({ log: true, try: true });
  });

  it.each(['client_id', 'scope', 'redirect_uri', 'response_type', 'code_challenge', 'prompt', 'error', 'error_description'])('shows %s in both', (name) => {
    const url = `https://up.example/authorize?${name}=seen-value`;
    expect({ log: hiddenBy.log(url, name), try: hiddenBy.try(url, name) }).toEqual({ log: false, try: false });
  });
});
