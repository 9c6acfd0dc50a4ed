import { describe, expect, it } from '@jest/globals';
import { connectionPauseError } from '../../../../src/domain/connection_pause.js';

// What a reader held back by a connection's pause is answered when no stored token is served.

describe("the answer to a reader held back by a connection's pause", () => {
  it('is rate_limited with the seconds left, naming the client’s shared quota, for a rate limit', () => {
    const error = connectionPauseError('fitbit', { reason: 'rate_limited', seconds: 42 });

    expect(error).toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 42 });
    expect(error.message).toBe("The upstream rate-limited the fitbit connection's client, whose quota all its users share; retry after 42 seconds.");
  });

  it('is unavailable (client_refused), naming the administrator’s fix, for a refusal', () => {
    const error = connectionPauseError('fitbit', { reason: 'client_refused' });

    expect(error).toMatchObject({ kind: 'unavailable', reason: 'client_refused' });
    expect(error.message).toMatch(/^The upstream refused the client credentials of the fitbit connection \(invalid_client\).*An administrator must update the connection's Client ID and Client Secret/);
  });
});
