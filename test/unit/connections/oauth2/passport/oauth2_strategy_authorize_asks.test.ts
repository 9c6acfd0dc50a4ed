import { describe, expect, it } from '@jest/globals';
import { OAuth2LoginStrategy, type OAuth2LoginStrategyBaseOptions } from '../../../../../src/connections/oauth2/passport/oauth2_strategy.js';
import { ACCEPTING_STORE, authenticateOnce, upstreamOptions, type PassportOutcome } from './live_strategy.js';

function strategyWith(names: Pick<OAuth2LoginStrategyBaseOptions, 'promptParameter' | 'loginHintParameter'>) {
  return new OAuth2LoginStrategy(upstreamOptions(undefined, { pkce: false, store: ACCEPTING_STORE, ...names }).options, () => undefined);
}

function sent(outcome: PassportOutcome): Record<string, string> {
  if (!('redirect' in outcome)) throw new Error(`expected a redirect, got ${JSON.stringify(outcome)}`);
  return Object.fromEntries(outcome.redirect.searchParams);
}

/**
 * The host runs a login strategy's authorize step with `{ prompt, loginHint }` (PluginAuthorizeOptions),
 * which passport-oauth2 leaves out of the authorize URL: the base puts each there under the
 * upstream's name for it, and nowhere without one.
 */
describe('OAuth2LoginStrategy putting the host’s prompt and login hint in the authorize URL', () => {
  const asks = { prompt: 'force', loginHint: 'jane@example.com' };

  it('sends each under the parameter the options name', async () => {
    const params = sent(await authenticateOnce(strategyWith({ promptParameter: 'approval_prompt', loginHintParameter: 'login_hint' }), {}, asks));
    expect(params).toMatchObject({ approval_prompt: 'force', login_hint: 'jane@example.com', state: 'handle' });
    expect(params).not.toHaveProperty('prompt');
    expect(params).not.toHaveProperty('loginHint');
  });

  it('sends neither without a parameter named for it', async () => {
    const params = sent(await authenticateOnce(strategyWith({}), {}, asks));
    expect(Object.keys(params).sort()).toEqual(['client_id', 'redirect_uri', 'response_type', 'scope', 'state']);
  });

  it('sends one when only its parameter is named', async () => {
    const params = sent(await authenticateOnce(strategyWith({ promptParameter: 'prompt' }), {}, asks));
    expect(params.prompt).toBe('force');
    expect(params).not.toHaveProperty('login_hint');
  });

  it('sends nothing for an empty ask, and refuses one that is no string before any redirect', async () => {
    const strategy = strategyWith({ promptParameter: 'prompt', loginHintParameter: 'login_hint' });
    const params = sent(await authenticateOnce(strategy, {}, { prompt: '', loginHint: '' }));
    expect(params).not.toHaveProperty('prompt');
    expect(params).not.toHaveProperty('login_hint');
    expect(await authenticateOnce(strategy, {}, { prompt: ['login', 'consent'] })).toEqual({ error: new TypeError('prompt must be a string') });
    expect(await authenticateOnce(strategy, {}, { loginHint: { email: 'jane@example.com' } })).toEqual({ error: new TypeError('loginHint must be a string') });
  });
});
