import type { FitbitApi } from './api.js';

/**
 * The client's OpenID Connect prompt as the upstream spells it. Fitbit knows login and consent;
 * Google has no `login` and re-authenticates with select_account. `none` is handled by fitgate's own
 * session and never sent upstream.
 */
export function upstreamPrompt(api: FitbitApi, prompt: readonly string[]): string | undefined {
  const login = prompt.includes('login') || prompt.includes('select_account');
  const consent = prompt.includes('consent');
  if (api === 'fitbit-legacy') {
    if (login && consent) return 'login consent';
    return login ? 'login' : consent ? 'consent' : undefined;
  }
  const words = [...(consent ? ['consent'] : []), ...(login ? ['select_account'] : [])];
  return words.length > 0 ? words.join(' ') : undefined;
}
