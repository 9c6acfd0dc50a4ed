import { describe, expect, it } from '@jest/globals';
import { fitbitPlugin } from '../../../../src/connections/fitbit/index.js';

/** Google's and Fitbit's own pages for a refused authorize request, as the plugin reads them for TRY. */
describe('reading a refused authorize request', () => {
  const read = (status: number, body: string) => fitbitPlugin.readAuthorizeRefusal(status, body);

  it('reads an unregistered callback URL from either upstream\'s page', () => {
    expect(read(400, '<p>Error 400: <b>redirect_uri_mismatch</b></p><p>The redirect URI in the request does not match.</p>')).toEqual({
      kind: 'redirect_uri_mismatch',
      operation: 'authorize',
      status: 400,
      upstreamCode: 'redirect_uri_mismatch',
      upstreamMessage: 'The redirect URI in the request does not match.',
    });
    expect(read(400, '<p><strong>invalid_request</strong> - Invalid redirect_uri parameter value</p>')).toMatchObject({
      kind: 'redirect_uri_mismatch',
      upstreamCode: 'invalid_request',
      upstreamMessage: 'Invalid redirect_uri parameter value',
    });
  });

  it('reports an unknown client id as invalid_client, on Google\'s page and on Fitbit\'s', () => {
    expect(read(401, '<p><strong>invalid_client</strong> - The OAuth client was not found.</p>')).toMatchObject({ kind: 'invalid_client', upstreamCode: 'invalid_client' });
    expect(read(400, '<p><strong>unauthorize_client</strong> - Invalid client_id</p>')).toMatchObject({ kind: 'invalid_client', upstreamMessage: 'Invalid client_id' });
  });

  it('reads the other codes the pages print, and anything else as upstream_error', () => {
    expect(read(400, 'Error 400: unauthorized_client')).toMatchObject({ kind: 'unauthorized_client' });
    expect(read(400, 'Error 400: invalid_scope - Some requested scopes were invalid.')).toMatchObject({ kind: 'invalid_scope' });
    expect(read(418, 'short and stout')).toEqual({ kind: 'upstream_error', operation: 'authorize', status: 418 });
  });
});
