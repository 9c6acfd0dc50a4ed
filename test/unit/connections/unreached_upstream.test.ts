import { describe, expect, it } from '@jest/globals';
import { unreachedCauseOf } from '../../../src/connections/unreached_upstream.js';

/** A socket error as Node rejects with it: a message and a code. */
const socketError = (code: string, message = `some ${code} failure`) => Object.assign(new Error(message), { code });

/**
 * Which of the HTTP port's socket errors mean the upstream was never reached, and how: a TLS
 * handshake that failed, or a connection that could not be had. Anything else (an answer that
 * came, the port's own timeout) is no such failure.
 */
describe('unreachedCauseOf', () => {
  it.each([
    // OpenSSL's certificate verification, as Node names it.
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unable to get local issuer certificate'],
    ['CERT_HAS_EXPIRED', 'certificate has expired'],
    ['CERT_NOT_YET_VALID', 'certificate is not yet valid'],
    ['CERT_UNTRUSTED', 'certificate not trusted'],
    // Node's own TLS checks, and OpenSSL's handshake failures.
    ['ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number'],
    ['EPROTO', 'write EPROTO ssl3_get_record:wrong version number'],
  ])('reads %s as tls, with its code and message', (code, message) => {
    expect(unreachedCauseOf(socketError(code, message))).toEqual({ kind: 'tls', code, message });
  });

  it.each(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE'])('reads %s as network', (code) => {
    expect(unreachedCauseOf(socketError(code))).toEqual({ kind: 'network', code, message: `some ${code} failure` });
  });

  it.each([
    ['the port’s own timeout (no code)', Object.assign(new Error('Upstream token call got no answer within 10 ms'), { name: 'TimeoutError' })],
    ['an answer the parser could not read', socketError('HPE_INVALID_CONSTANT', 'Expected HTTP/')],
    ['a URL the transport refused', socketError('ERR_INVALID_URL', 'Invalid URL')],
    ['an error with no code', new Error('something else')],
    ['a code that is no string', Object.assign(new Error('numbered'), { code: 111 })],
    ['no object at all', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('reads %s as no such failure', (_case, error) => {
    expect(unreachedCauseOf(error)).toBeUndefined();
  });

  it('finds the socket error a plugin kept as its failure’s cause, a level or two down', () => {
    const socket = socketError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate');
    const plugins = Object.assign(new Error('Upstream token call could not reach the upstream: DEPTH_ZERO_SELF_SIGNED_CERT', { cause: socket }), { kind: 'unavailable' });
    expect(unreachedCauseOf(plugins)).toEqual({ kind: 'tls', code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' });
    expect(unreachedCauseOf(new Error('wrapped again', { cause: plugins }))).toMatchObject({ kind: 'tls' });
  });

  it('stops at a chain that loops', () => {
    const looping: Error & { cause?: unknown } = new Error('loops');
    looping.cause = looping;
    expect(unreachedCauseOf(looping)).toBeUndefined();
  });

  it('takes the first address’s message when Node tried several and rejected with an AggregateError without one', () => {
    const refused = Object.assign(new AggregateError([socketError('ECONNREFUSED', 'connect ECONNREFUSED ::1:443'), socketError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:443')], ''), {
      code: 'ECONNREFUSED',
    });
    expect(unreachedCauseOf(refused)).toEqual({ kind: 'network', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED ::1:443' });
  });
});
