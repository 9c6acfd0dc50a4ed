import type { Response } from 'express';
import type { EphemeralStore } from '../../domain/ports.js';
import type { TryFailure } from './try_failure_explanation.js';
import { failedAtStart, resultPath, saveReport } from './try_report.js';
import type { PendingTry } from './try_transaction.js';

/**
 * Answers the Try button's POST when the TRY failed before the browser left for the upstream (the
 * authorize preflight found a refusal, or fitgate could not start it): the failure is kept as a
 * report, as a failure at the callback is, and the browser is sent to its result page (303).
 *
 * Post/Redirect/Get: reloading or going back to that page shows the same report instead of running
 * TRY again. And the answer is no 5xx: an admin's mistyped Client ID is no error of fitgate's, and the
 * request log, which reports every 5xx as one, would have raised operators' alerts for it.
 */
export async function answerStartFailure(
  ephemeral: EphemeralStore,
  res: Response,
  pending: Pick<PendingTry, 'tenant' | 'strategy' | 'api' | 'adminEmail' | 'sandbox' | 'requestedScopes'>,
  failure: TryFailure,
  where: { callbackUrl: string; authorizeUrl?: string | undefined },
): Promise<void> {
  const report = failedAtStart(pending, where.callbackUrl, failure, where.authorizeUrl);
  await saveReport(ephemeral, report);
  res.redirect(303, resultPath(report));
}
