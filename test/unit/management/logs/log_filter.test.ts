import { describe, expect, it } from '@jest/globals';
import { readLogFilter } from '../../../../src/management/logs/log_filter.js';

describe('the logs filter', () => {
  it('reads type and user_id parameters', () => {
    expect(readLogFilter({ type: 'sapi', user_id: 'fitbit|A' })).toEqual({ type: 'sapi', userId: 'fitbit|A' });
  });

  it('reads Auth0’s q clauses, quoted or not, joined by AND', () => {
    expect(readLogFilter({ q: 'type:s AND user_id:"fitbit|GGNJL9"' })).toEqual({ type: 's', userId: 'fitbit|GGNJL9' });
    expect(readLogFilter({ q: 'user_id:fitbit|X' })).toEqual({ userId: 'fitbit|X' });
  });

  it('refuses a clause it cannot answer instead of ignoring it', () => {
    expect(() => readLogFilter({ q: 'type:s OR type:f' })).toThrow(/on property q\.$/);
    expect(() => readLogFilter({ q: 'ip:"10.0.0.1"' })).toThrow(/Unsupported clause/);
  });

  it('is empty without filters', () => {
    expect(readLogFilter({})).toEqual({});
  });
});

describe('the logs filter from node-auth0 v7’s search', () => {
  it('reads clauses joined by spaces, quoted or not', () => {
    expect(readLogFilter({ search: 'type:s user_id:"fitbit|GGNJL9"' })).toEqual({ type: 's', userId: 'fitbit|GGNJL9' });
  });

  it('combines search with q when they agree, and refuses when they conflict', () => {
    expect(readLogFilter({ q: 'type:s', search: 'user_id:fitbit|X' })).toEqual({ type: 's', userId: 'fitbit|X' });
    expect(() => readLogFilter({ q: 'type:s', search: 'type:f' })).toThrow(/Conflicting type values .* on property search\.$/);
  });

  it('refuses a bare term or a field it cannot answer, naming search', () => {
    expect(() => readLogFilter({ search: 'ada' })).toThrow(/Unsupported clause "ada".* on property search\.$/);
    expect(() => readLogFilter({ search: 'client_name:"My App"' })).toThrow(/on property search\.$/);
  });
});
