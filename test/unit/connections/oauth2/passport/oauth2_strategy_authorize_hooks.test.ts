import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { UpstreamBadResponseError } from '../../../../../src/connections/oauth2/errors/bad_response_error.js';
import { OAuth2LoginStrategy } from '../../../../../src/connections/oauth2/passport/oauth2_strategy.js';
import type { PluginStrategyOptions } from '../../../../../src/connections/plugin.js';
import { ACCEPTING_STORE, authenticateOnce, upstreamOptions, type PassportOutcome } from './live_strategy.js';

const SCOPES: Readonly<Record<string, string>> = { steps: 'rl.activity', sleep: 'rl.sleep' };
const PROMPTS = ['auto', 'force'];

function nonceOf(challenge: string): string {
  return createHash('sha256').update(`ridgeline:${challenge}`).digest('base64url');
}

/**
 * The login strategy of Ridgeline, a made-up upstream that is not Fitbit, as a plugin's
 * createStrategy would write it: every check and parameter of its authorize page declared in the
 * base's options, no subclass. Its v1 authorize page is gone.
 */
function ridgelineStrategy(options: Pick<PluginStrategyOptions, 'api' | 'store'>): OAuth2LoginStrategy {
  const upstreamScopes = (names: string | readonly string[]) =>
    (typeof names === 'string' ? names.split(' ') : [...names]).map((name) => {
      const scope = SCOPES[name];
      if (!scope) throw new TypeError(`unknown Ridgeline permission: ${name}`);
      return scope;
    });
  return new OAuth2LoginStrategy(
    upstreamOptions(undefined, {
      scope: upstreamScopes(['steps']),
      store: options.store,
      promptParameter: 'approval_prompt',
      loginHintParameter: 'login_hint',
      checkPrompt: (prompt) => {
        if (!PROMPTS.includes(prompt)) throw new TypeError(`prompt "${prompt}" is not one Ridgeline accepts`);
      },
      refuseAuthorize: options.api === 'ridgeline-v1' ? () => new UpstreamBadResponseError({ operation: 'authorize', problem: 'v1 is gone' }) : undefined,
      requestScope: upstreamScopes,
      authorizeParameters: { access_type: 'offline' },
      finishAuthorizeUrl: (url) => {
        const finished = new URL(url);
        finished.searchParams.set('nonce', nonceOf(finished.searchParams.get('code_challenge') ?? ''));
        return finished.toString();
      },
    }).options,
    () => undefined,
  );
}

function sent(outcome: PassportOutcome): Record<string, string> {
  if (!('redirect' in outcome)) throw new Error(`expected a redirect, got ${JSON.stringify(outcome)}`);
  return Object.fromEntries(outcome.redirect.searchParams);
}

/** A store that records what it was asked to keep, and keeps it under "handle". */
function recordingStore() {
  const stored: unknown[] = [];
  return {
    stored,
    store: { ...ACCEPTING_STORE, store: (_req: unknown, verifier: unknown, _state: unknown, _meta: unknown, callback: (error: null, handle: string) => void) => {
      stored.push(verifier);
      callback(null, 'handle');
    } },
  };
}

/**
 * A plugin declares its authorize page's own rules as OAuth2LoginStrategy options (checkPrompt,
 * refuseAuthorize, requestScope, authorizeParameters, finishAuthorizeUrl): the base applies them on
 * the authorize step, before the browser leaves.
 */
describe('OAuth2LoginStrategy’s authorize step as a plugin declares it', () => {
  it('sends the declared parameters beside the asks, on the URL the plugin finished', async () => {
    const params = sent(await authenticateOnce(ridgelineStrategy({ api: 'ridgeline-v2', store: ACCEPTING_STORE }), {}, { prompt: 'force', loginHint: 'jane@example.com' }));
    expect(params).toMatchObject({ approval_prompt: 'force', login_hint: 'jane@example.com', access_type: 'offline', scope: 'rl.activity', state: 'handle' });
    expect(params.nonce).toBe(nonceOf(params.code_challenge ?? 'no challenge'));
  });

  it('refuses a prompt the upstream’s page does not take, the empty one included, before anything is stored', async () => {
    const { stored, store } = recordingStore();
    const strategy = ridgelineStrategy({ api: 'ridgeline-v2', store });
    expect(await authenticateOnce(strategy, {}, { prompt: 'consent' })).toEqual({ error: new TypeError('prompt "consent" is not one Ridgeline accepts') });
    expect(await authenticateOnce(strategy, {}, { prompt: '' })).toEqual({ error: new TypeError('prompt "" is not one Ridgeline accepts') });
    // The prompt is judged before the login hint: a request wrong in both is refused for its prompt.
    expect(await authenticateOnce(strategy, {}, { prompt: 'consent', loginHint: ['jane'] })).toEqual({ error: new TypeError('prompt "consent" is not one Ridgeline accepts') });
    expect(await authenticateOnce(strategy, {}, { prompt: ['force'] })).toEqual({ error: new TypeError('prompt must be a string') });
    expect(stored).toEqual([]);
  });

  it('asks for one request’s scope as the plugin reads it, and refuses a name it does not know', async () => {
    const strategy = ridgelineStrategy({ api: 'ridgeline-v2', store: ACCEPTING_STORE });
    expect(sent(await authenticateOnce(strategy, {}, { scope: ['steps', 'sleep'] })).scope).toBe('rl.activity rl.sleep');
    expect(sent(await authenticateOnce(strategy, {}, { scope: 'sleep' })).scope).toBe('rl.sleep');
    expect(await authenticateOnce(strategy, {}, { scope: ['floors'] })).toEqual({ error: new TypeError('unknown Ridgeline permission: floors') });
  });

  it('refuses every request with the declared refusal first, even one it would refuse otherwise, storing nothing', async () => {
    const { stored, store } = recordingStore();
    const strategy = ridgelineStrategy({ api: 'ridgeline-v1', store });
    for (const options of [{}, { state: 'a string', prompt: 'consent' }]) {
      const outcome = await authenticateOnce(strategy, {}, options);
      expect(outcome).toEqual({ error: expect.any(UpstreamBadResponseError) });
      expect(outcome).toMatchObject({ error: { operation: 'authorize' } });
    }
    expect(stored).toEqual([]);
  });
});
