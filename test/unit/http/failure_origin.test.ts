import { describe, expect, it } from '@jest/globals';
import { RecordBusyError, StoreUnavailableError, TemporarilyUnavailableError } from '../../../src/errors/index.js';
import { failureOrigin } from '../../../src/http/failure_origin.js';
import { acmeFailure } from '../../support/fake_plugin.js';

/** The one decision of whose a login's or a TRY's failure is. */
describe('whose failure an error is', () => {
  it('is fitgate’s own for an error it answers itself', () => {
    const busy = new RecordBusyError();
    expect(failureOrigin(busy)).toEqual({ own: busy });
    const refused = new TemporarilyUnavailableError('No plugin serves the strava strategy');
    expect(failureOrigin(refused)).toEqual({ own: refused });
  });

  it('is fitgate’s own, read as its 503, for a store driver’s error that means it cannot answer now', () => {
    const locked = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const origin = failureOrigin(locked);
    expect('own' in origin && origin.own).toBeInstanceOf(StoreUnavailableError);
    expect('own' in origin && origin.own.cause).toBe(locked);
  });

  it('is the upstream’s for a plugin failure, read by its declared fields only', () => {
    expect(failureOrigin(acmeFailure({ kind: 'timeout', operation: 'token' }))).toEqual({ upstream: { kind: 'timeout', operation: 'token' } });
    expect(failureOrigin(Object.assign(new Error('Google took too long'), { kind: 'timeout', extra: 1 }))).toEqual({ upstream: { kind: 'timeout', message: 'Google took too long' } });
  });

  it('is the upstream’s when the plugin failure carries a network error under it, which is no store’s', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const failure = Object.assign(new Error('Google is not available'), { kind: 'unavailable', cause: reset });
    expect(failureOrigin(failure)).toMatchObject({ upstream: { kind: 'unavailable' } });
  });

  it('is unexplained for anything else: a fault, or a kind the plugin interface does not declare', () => {
    const fault = new TypeError('x is undefined');
    expect(failureOrigin(fault)).toEqual({ unexplained: fault });
    const undeclared = Object.assign(new Error('teapot'), { kind: 'teapot' });
    expect(failureOrigin(undeclared)).toEqual({ unexplained: undeclared });
    expect(failureOrigin('nonsense')).toEqual({ unexplained: 'nonsense' });
  });
});
