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
