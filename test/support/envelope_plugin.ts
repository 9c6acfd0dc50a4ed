import type { AnswerReader } from '../../src/connections/oauth2/call_upstream.js';
import { UpstreamBadResponseError } from '../../src/connections/oauth2/errors/bad_response_error.js';
import { UpstreamOAuthError } from '../../src/connections/oauth2/errors/oauth_error.js';
import { isJsonObject, optionalString } from '../../src/connections/oauth2/json.js';
import type { ConnectionPlugin } from '../../src/connections/plugin.js';
import { acmeOAuth2Plugin } from './fake_plugin.js';

/** The strategy of envelopePlugin's connection. */
export const ENVELOPE_STRATEGY = 'acme_envelope';

/**
 * How a plugin reads the answers of an upstream that wraps each one and refuses inside an HTTP 200,
 * as the fake does under `envelope` (test/support/fake_oauth2_upstream.ts): status 0 is the answer,
 * its `body` the object to read; any other status a refusal, whose `error` starts with an OAuth
 * code, read as RFC 6749 §5.2's would be. Written as the plugin for such an upstream would write its
 * own (the upstream's codes, its wording), with the shared error classes.
 */
export const openEnvelope: AnswerReader = (json, { operation, status }) => {
  if (json.status === 0) {
    return isJsonObject(json.body) ? json.body : new UpstreamBadResponseError({ operation, status, problem: 'status 0 without a body object' });
  }
  if (typeof json.status !== 'number') return new UpstreamBadResponseError({ operation, status, problem: 'no status in the envelope' });
  const error = optionalString(json.error) ?? '';
  const separator = error.indexOf(': ');
  const upstreamCode = separator > 0 ? error.slice(0, separator) : String(json.status);
  return new UpstreamOAuthError({ operation, status, upstreamCode, upstreamMessage: separator > 0 ? error.slice(separator + 2) : optionalString(error) });
};

/**
 * The Acme plugin (acmeOAuth2Plugin) on such an upstream's real endpoints or a fake's `url`:
 * strategy "acme_envelope", every token, profile and revocation answer read by openEnvelope through
 * the shared client's answerOf, and nothing else of its own.
 */
export function envelopePlugin(upstreamUrl: string): ConnectionPlugin {
  return acmeOAuth2Plugin({ upstreamUrl, strategy: ENVELOPE_STRATEGY, answerOf: openEnvelope });
}
