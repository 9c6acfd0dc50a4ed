import { describe, expect, it } from '@jest/globals';
import { removalErrorOf, RemovalBusyError } from '../../../../src/dashboard/users/removal_busy_error.js';
import { IdentityNotFoundError, TokenUnavailableError } from '../../../../src/domain/vault_errors.js';

/** A deletion that met a running token refresh answers a "try again" page, not a bare 500. */
describe("the dashboard's answer to a deletion the vault refused for now", () => {
  it('is a 503 page showing the vault\'s message', () => {
    const answer = removalErrorOf(new TokenUnavailableError('refresh_running', 'A token refresh of this fitbit identity is still running; try again shortly.'));

    expect(answer).toBeInstanceOf(RemovalBusyError);
    expect(answer).toMatchObject({ status: 503, expose: true, description: expect.stringMatching(/still running; try again shortly/) });
  });

  it('passes any other error through as it is', () => {
    const other = new IdentityNotFoundError('user', 'The user does not exist.');
    expect(removalErrorOf(other)).toBe(other);
  });
});
