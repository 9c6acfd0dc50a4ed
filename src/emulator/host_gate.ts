import type { RequestHandler, Response } from 'express';
import { UpstreamError } from './errors.js';
import { sendUpstreamError, type ErrorStyle } from './renderers.js';
import type { EmulatorState } from './state.js';
import type { FailureMode, Host } from './types.js';
import { LEGACY_HOSTS } from './types.js';
import { renderErrorPage, serviceFailureExplanation } from './views/error_page.js';
import { PAGE_CSP } from './views/html.js';

/** Browser-facing hosts answer with a page; the others in their upstream's JSON shape. */
const PAGE_HOSTS: Partial<Record<Host, string>> = { 'www.fitbit.com': 'Fitbit', 'accounts.google.com': 'Google' };

/**
 * Requests held open by a 'timeout' failure. They are never answered: the client gives up, or the
 * emulator closes (control.releaseHeld() and close() destroy them).
 */
export class HeldRequests {
  private readonly held = new Set<Response>();

  hold(res: Response): void {
    this.held.add(res);
    res.on('close', () => this.held.delete(res));
  }

  get size(): number {
    return this.held.size;
  }

  releaseAll(): void {
    for (const res of this.held) res.socket?.destroy();
    this.held.clear();
  }
}

function send(res: Response, host: Host, style: ErrorStyle, error: UpstreamError): void {
  const page = PAGE_HOSTS[host];
  if (page) {
    for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
    res.setHeader('Content-Security-Policy', PAGE_CSP);
    res.status(error.status).type('html').send(renderErrorPage(page, String(error.status), error.message, serviceFailureExplanation(error.status)));
    return;
  }
  sendUpstreamError(res, style, error);
}

function takeFailure(state: EmulatorState, host: Host): FailureMode | undefined {
  const active =
    state.failures.find((failure) => failure.rule.host === host && failure.remaining > 0) ??
    state.failures.find((failure) => failure.rule.host === '*' && failure.remaining > 0);
  if (!active) return undefined;
  active.remaining -= 1;
  state.failures = state.failures.filter((failure) => failure.remaining > 0);
  return active.rule.mode;
}

/**
 * Runs before every route of one host: injected failures first (they stand for the network and
 * the upstream's infrastructure), then the legacy shutdown, which answers 410 Gone on both Fitbit
 * hosts as Google has done since 2026-11-02.
 */
export function hostGate(state: EmulatorState, held: HeldRequests, host: Host, style: ErrorStyle): RequestHandler {
  const legacy = LEGACY_HOSTS.includes(host);
  return async (req, res, next) => {
    const failure = takeFailure(state, host);
    // unref: a delayed request must not keep a closing process alive.
    if (failure?.kind === 'latency') await new Promise((resolve) => setTimeout(resolve, failure.ms).unref());
    if (failure?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (failure?.kind === 'timeout') {
      held.hold(res);
      return;
    }
    if (failure?.kind === 'status') {
      const code = style === 'fitbit' ? 'system' : style === 'google-oauth' ? 'server_error' : 'backend_error';
      send(res, host, style, new UpstreamError(failure.status, code, 'The service is temporarily unavailable. Try again later.'));
      return;
    }
    if (failure?.kind === 'rate-limit') {
      const retryAfter = String(failure.retryAfterSeconds ?? 60);
      const code = style === 'fitbit' ? 'system' : 'rate_limit_exceeded';
      send(res, host, style, new UpstreamError(429, code, 'Too Many Requests', { 'Retry-After': retryAfter }));
      return;
    }
    if (legacy && state.legacyShutdown) {
      // [uncertain] Only the status is documented ("requests now fail with HTTP 410 Gone",
      // https://developers.google.com/health/about); the JSON body, its errorType and its words are
      // fitgate's guess. test/fixtures/fitbit/error_gone.json holds the same body, and
      // legacy_shutdown.test.ts keeps the two equal.
      send(
        res,
        host,
        style,
        new UpstreamError(410, 'gone', 'The Fitbit Web API and its OAuth endpoints have been turned off. Use the Google Health API.'),
      );
      return;
    }
    next();
  };
}
