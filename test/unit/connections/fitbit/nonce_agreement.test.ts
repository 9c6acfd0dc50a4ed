import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import { nonceForVerifier } from '../../../../src/connections/fitbit/nonce.js';
import { FitbitStrategy } from '../../../../src/connections/fitbit/strategy.js';

/**
 * The nonce sent to Google's authorize page (from the URL's code challenge) is the one the code
 * exchange expects in the id_token (from the verifier the state store kept): the two sides derive it
 * from the same secret, or no google-health login would ever verify.
 */
describe('the google-health nonce', () => {
  it('sent at authorize is the one the exchange expects from the stored verifier', () => {
    const strategy = new FitbitStrategy(
      { api: 'google-health', clientID: 'web.apps.googleusercontent.com', clientSecret: 'shh', callbackURL: 'https://tenant.example.com/login/callback', scope: ['activity'] },
      () => undefined,
    );
    const session: Record<string, { state: { code_verifier: string } }> = {};
    let redirect: URL | undefined;
    const live = Object.assign(Object.create(strategy) as FitbitStrategy, {
      redirect: (url: string) => (redirect = new URL(url)),
      error: (error: Error) => {
        throw error;
      },
    });

    live.authenticate({ query: {}, session } as unknown as Request, {});

    const verifier = Object.values(session)[0]?.state.code_verifier;
    expect(verifier).toEqual(expect.stringMatching(/^[\w-]{43,}$/));
    expect(redirect?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(redirect?.searchParams.get('nonce')).toBe(nonceForVerifier(verifier ?? ''));
  });
});
