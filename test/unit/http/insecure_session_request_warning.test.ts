import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import { insecureSessionRequestWarning, INSECURE_REQUEST_WARNING_INTERVAL_MS } from '../../../src/http/insecure_session_request.js';
import { createLogger } from '../../../src/logging/index.js';
import { captureLogLines } from '../../support/log_capture.js';

function request(secure: boolean, forwardedProto?: string): Request {
  return {
    secure,
    path: '/authorize',
    protocol: secure ? 'https' : 'http',
    get: (name: string) => (name.toLowerCase() === 'x-forwarded-proto' ? forwardedProto : undefined),
    socket: { remoteAddress: '10.0.0.5' },
  } as unknown as Request;
}

function warner(config: { publicUrl: string; trustProxy?: string | number | boolean }) {
  const log = captureLogLines();
  let now = 0;
  const warn = insecureSessionRequestWarning({ trustProxy: undefined, ...config }, createLogger({ level: 'warn', destination: log.destination }), () => now);
  const messages = () => log.lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
  return { warn, messages, advance: (ms: number) => (now += ms) };
}

/** The warning when a request to a session route cannot get its Secure cookie (insecure_session_request.ts). */
describe('the warning about a session request seen as http behind an https public URL', () => {
  it('is logged at most once a minute', () => {
    const { warn, messages, advance } = warner({ publicUrl: 'https://id.example.com' });
    warn(request(false));
    advance(INSECURE_REQUEST_WARNING_INTERVAL_MS - 1);
    warn(request(false));
    expect(messages()).toHaveLength(1);
    advance(1);
    warn(request(false));
    expect(messages()).toHaveLength(2);
  });

  it('is not logged for a request seen as https, nor with an http public URL', () => {
    const https = warner({ publicUrl: 'https://id.example.com', trustProxy: 'loopback' });
    https.warn(request(true, 'https'));
    const http = warner({ publicUrl: 'http://localhost:3000' });
    http.warn(request(false));
    expect([...https.messages(), ...http.messages()]).toEqual([]);
  });

  it('names what to fix: the setting, the missing header, or a proxy the setting does not trust', () => {
    const unset = warner({ publicUrl: 'https://id.example.com' });
    unset.warn(request(false, 'https'));
    expect(unset.messages()[0]).toContain('set FITGATE_TRUST_PROXY to trust the TLS-terminating proxy (this request came from 10.0.0.5)');
    const noHeader = warner({ publicUrl: 'https://id.example.com', trustProxy: 1 });
    noHeader.warn(request(false));
    expect(noHeader.messages()[0]).toContain('the proxy at 10.0.0.5 sent no X-Forwarded-Proto');
    const untrusted = warner({ publicUrl: 'https://id.example.com', trustProxy: 'loopback' });
    untrusted.warn(request(false, 'https'));
    expect(untrusted.messages()[0]).toContain('check that FITGATE_TRUST_PROXY (loopback) trusts the proxy at 10.0.0.5');
  });
});
