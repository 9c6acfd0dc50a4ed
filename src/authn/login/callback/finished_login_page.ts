import type { Request, Response } from 'express';
import { views } from '../../../http/views.js';
import type { FinishedLogin } from './finished_logins.js';

/**
 * The page for a callback of a login this browser finished a moment ago (finished_logins.ts): the
 * person is signed in, and is told so with a way back to the application instead of the advice for a
 * login that could not be finished. `status` is that refusal's: the state is used up all the same.
 */
export function sendFinishedLoginPage(req: Request, res: Response, login: FinishedLogin, status: number): void {
  views().send(
    res,
    'login/already_finished',
    { tenantName: req.context.tenant.name, clientName: login.clientName, ...(login.returnTo !== undefined ? { returnTo: login.returnTo } : {}) },
    status,
  );
}
