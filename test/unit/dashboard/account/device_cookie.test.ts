import { describe, expect, it } from '@jest/globals';
import type { Request, Response } from 'express';
import { DEVICE_COOKIE, isKnownDevice, rememberDevice } from '../../../../src/dashboard/account/device_cookie.js';

const config = { sessionSecrets: ['first secret'], publicUrl: 'http://localhost:3000' };
const alice = { email: 'alice@example.com', credentialVersion: 7 };

/** A request carrying `value` as its device cookie. */
function requestWith(value: string | undefined): Request {
  return { headers: value === undefined ? {} : { cookie: `other=1; ${DEVICE_COOKIE}=${value}` } } as unknown as Request;
}

/** The device cookie value after signing in to each of `accounts` in turn, from a browser that had `value`. */
function signIns(value: string | undefined, accounts: { email: string; credentialVersion: number }[], secrets = config.sessionSecrets): string | undefined {
  for (const account of accounts) {
    let written: string | undefined;
    const res = { cookie: (_name: string, cookieValue: string) => (written = cookieValue) } as unknown as Response;
    rememberDevice(requestWith(value), res, { ...config, sessionSecrets: secrets }, account);
    value = written;
  }
  return value;
}

describe('the dashboard device cookie', () => {
  it('still counts after the session secrets rotate, while the old secret is kept', () => {
    const value = signIns(undefined, [alice]);
    expect(isKnownDevice(requestWith(value), { sessionSecrets: ['new secret', 'first secret'] }, alice)).toBe(true);
    expect(isKnownDevice(requestWith(value), { sessionSecrets: ['new secret'] }, alice)).toBe(false);
  });

  it('keeps a few accounts per browser, dropping the oldest beyond that', () => {
    const others = [1, 2, 3, 4, 5].map((n) => ({ email: `admin${n}@example.com`, credentialVersion: 0 }));
    const value = signIns(undefined, [alice, ...others.slice(0, 4)]);
    expect(isKnownDevice(requestWith(value), config, alice)).toBe(true);
    expect(isKnownDevice(requestWith(value), config, others[3])).toBe(true);

    const crowded = signIns(value, [others[4]!]);
    expect(isKnownDevice(requestWith(crowded), config, alice)).toBe(false);
    expect(isKnownDevice(requestWith(crowded), config, others[4])).toBe(true);
  });

  it('counts only for the credential version it was made under, and any email case', () => {
    const value = signIns(undefined, [alice]);
    expect(isKnownDevice(requestWith(value), config, { ...alice, email: 'Alice@Example.com' })).toBe(true);
    expect(isKnownDevice(requestWith(value), config, { ...alice, credentialVersion: 8 })).toBe(false);
    expect(isKnownDevice(requestWith(undefined), config, alice)).toBe(false);
    expect(isKnownDevice(requestWith('garbage.!!'), config, alice)).toBe(false);
  });
});
