import { describe, expect, it } from '@jest/globals';
import { describeReauthorization, markNeedsReauthorization, statusReasonOf } from '../../../src/domain/identity_status.js';
import type { Identity } from '../../../src/domain/types.js';
import { identityJson } from '../../../src/management/users/user_json.js';

// A reason renamed after identities were stored under its earlier name: those records are read
// under the new name wherever a reason is shown, so no reader meets two names for one reason.

const marked: Identity = {
  provider: 'acme',
  connection: 'acme',
  userId: 'u-1',
  isSocial: true,
  api: 'acme-v1',
  grantedScopes: ['profile'],
  status: 'needs_reauthorization',
  statusReason: 'legacy_api_gone',
  statusChangedAt: '2026-01-02T03:04:05.000Z',
};

describe('a reauthorization reason stored under its earlier name', () => {
  it('reads legacy_api_gone as upstream_api_gone', () => {
    expect(statusReasonOf(marked)).toBe('upstream_api_gone');
  });

  it('is answered by the Management API under the current name', () => {
    expect(identityJson(marked)).toMatchObject({ status: 'needs_reauthorization', status_reason: 'upstream_api_gone' });
  });

  it('is explained as the current reason, naming no upstream', () => {
    const sentence = describeReauthorization(marked);
    expect(sentence).toBe(describeReauthorization({ ...marked, statusReason: 'upstream_api_gone' }));
    expect(sentence).toContain('the upstream API it used is gone (410); an administrator must switch the connection to another API or upstream');
    expect(sentence).not.toMatch(/legacy|fitbit|google/i);
  });

  it('leaves current names and unknown values as stored', () => {
    expect(statusReasonOf({ statusReason: 'refresh_token_rejected' })).toBe('refresh_token_rejected');
    expect(statusReasonOf({ statusReason: 'something_newer' })).toBe('something_newer');
    expect(statusReasonOf({ statusReason: 'toString' })).toBe('toString');
    expect(statusReasonOf({})).toBeUndefined();
    expect(describeReauthorization({ ...marked, statusReason: 'toString' })).toContain(': toString.');
  });

  it('is stored under the new name when the vault marks an identity now', () => {
    const { statusReason: _old, ...connected } = marked;
    const now = markNeedsReauthorization({ ...connected, status: 'connected' }, 'upstream_api_gone', new Date('2026-02-01T00:00:00Z'));
    expect(now.statusReason).toBe('upstream_api_gone');
  });
});
