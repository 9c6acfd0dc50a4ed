/**
 * Consent: how an authorize request gets its answer.
 *
 * People get a page (views/consent_page.ts): a test-user picker, one checkbox per requested scope,
 * Allow and Deny. It posts back to the same authorize path with a single-use transaction id. A
 * Google login_hint naming a test user preselects that user (login_hint.ts).
 *
 * Tests and the benchmark answer without a page, in either of two ways:
 *
 * 1. Query parameters appended to the authorize URL (they win over auto-consent):
 *      emulator_user=<login>                 the test user who answers (required with the others)
 *      emulator_decision=approve|deny        default approve
 *      emulator_scopes=<space-separated>     the subset of requested scopes to grant; default all
 *    e.g. .../oauth2/authorize?client_id=...&scope=activity%20profile&emulator_user=alice&emulator_scopes=activity
 *
 * 2. Auto-consent: every authorize request answers at once until switched off.
 *      control.setAutoConsent({ user: 'alice', decision: 'approve', scopes: ['activity'] })
 *      POST /_emulator/auto-consent  {"user":"alice","decision":"approve","scopes":["activity"]}
 *      control.setAutoConsent(undefined) / DELETE /_emulator/auto-consent
 *
 * Either way the answer is a redirect to the app's redirect_uri, exactly as after the page.
 * prompt=none never shows the page: it approves silently when the chosen user already granted every
 * requested scope to the app, and otherwise returns `error=login_required` (no user chosen) or
 * `error=consent_required`.
 */
import type { Request, RequestHandler } from 'express';
import { AuthorizePageError } from '../errors.js';
import { stringParam } from '../params.js';
import { parseScopeList } from '../scopes.js';
import { randomToken, type EmulatorState } from '../state.js';
import type { UpstreamApi } from '../types.js';
import { renderConsentPage } from '../views/consent_page.js';
import { PAGE_CSP } from '../views/html.js';
import { alreadyGranted, decide, errorRedirect, type Decision } from './decide.js';
import { hintedUser } from './login_hint.js';
import { validateAuthorizeRequest, type AuthorizeRequest } from './validate_request.js';

const PENDING_TTL_MS = 10 * 60 * 1000;

interface Answer {
  readonly login: string | undefined;
  readonly decision: Decision;
  readonly scopes: readonly string[] | undefined;
}

/** The non-interactive answer, if any: query parameters first, then auto-consent. */
function presetAnswer(state: EmulatorState, req: Request): Answer | undefined {
  const login = stringParam(req.query, 'emulator_user');
  const decision = stringParam(req.query, 'emulator_decision');
  // Present but empty means "grant none of the optional scopes".
  const scopes = typeof req.query.emulator_scopes === 'string' ? req.query.emulator_scopes : undefined;
  if (login !== undefined || decision !== undefined || scopes !== undefined) {
    if (decision !== undefined && decision !== 'approve' && decision !== 'deny') {
      throw new AuthorizePageError('invalid_request', 'emulator_decision must be "approve" or "deny".');
    }
    return { login: login ?? state.autoConsent?.user, decision: decision ?? 'approve', scopes: scopes === undefined ? undefined : parseScopeList(scopes) };
  }
  const auto = state.autoConsent;
  return auto ? { login: auto.user, decision: auto.decision, scopes: auto.scopes } : undefined;
}

function answerPromptNone(state: EmulatorState, request: AuthorizeRequest, answer: Answer | undefined): string {
  if (answer?.login === undefined) return errorRedirect(request, 'login_required', 'No user is signed in.');
  if (answer.decision === 'deny' || !alreadyGranted(state, request, answer.login)) {
    return errorRedirect(request, 'consent_required', 'The user has not granted every requested scope.');
  }
  return decide(state, request, answer.login, 'approve', request.scopes);
}

export function authorizeGet(state: EmulatorState, api: UpstreamApi): RequestHandler {
  return (req, res) => {
    state.count(api, 'authorizeRequests');
    const request = validateAuthorizeRequest(state, api, req.query as Record<string, unknown>);
    const answer = presetAnswer(state, req);
    if (request.prompt.includes('none')) {
      res.redirect(302, answerPromptNone(state, request, answer));
      return;
    }
    if (answer) {
      if (answer.login === undefined) throw new AuthorizePageError('invalid_request', 'emulator_user is required.');
      res.redirect(302, decide(state, request, answer.login, answer.decision, answer.scopes));
      return;
    }

    const id = randomToken('', 24);
    state.pending.set(id, { ...request, id, expiresAt: state.now() + PENDING_TTL_MS });
    state.noteAdded();
    res.setHeader('Content-Security-Policy', PAGE_CSP);
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(
      renderConsentPage({
        api,
        app: state.apps.get(request.clientId)!,
        users: [...state.users.values()],
        selectedUser: hintedUser(state.users.values(), request.loginHint)?.login,
        scopes: request.scopes,
        transactionId: id,
        action: req.originalUrl.split('?')[0] ?? req.path,
      }),
    );
  };
}

/** The consent form's POST: transaction, user, scope (repeated), decision. */
export function authorizePost(state: EmulatorState, api: UpstreamApi): RequestHandler {
  return (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const id = typeof body.transaction === 'string' ? body.transaction : '';
    const pending = state.pending.get(id);
    state.pending.delete(id);
    if (!pending || pending.api !== api || pending.expiresAt <= state.now()) {
      throw new AuthorizePageError(
        'invalid_request',
        'This authorization request has expired or was already answered. Start again from the application.',
      );
    }
    const decision = body.decision === 'deny' ? 'deny' : body.decision === 'approve' ? 'approve' : undefined;
    const login = typeof body.user === 'string' ? body.user : undefined;
    if (!decision || !login) throw new AuthorizePageError('invalid_request', 'Choose a test user, then Allow or Deny.');
    const scopes = ([] as unknown[]).concat(body.scope ?? []).filter((scope): scope is string => typeof scope === 'string');
    res.redirect(303, decide(state, pending, login, decision, scopes));
  };
}
