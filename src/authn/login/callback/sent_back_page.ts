import type { Request, Response } from 'express';
import { views } from '../../../http/views.js';
import type { ReplacedRound } from './replaced_round.js';

/**
 * The page for the callback of a round the login was sent back from (replaced_round.ts): nothing
 * failed, the login carries on at the upstream, and the person may start again from the
 * application. `status` is the refusal's of a used state, as the page of a finished login answers.
 */
export function sendSentBackPage(req: Request, res: Response, round: ReplacedRound, status: number): void {
  views().send(res, 'login/sent_back', { tenantName: req.context.tenant.name, ...round }, status);
}
