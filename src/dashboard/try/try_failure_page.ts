import type { Response } from 'express';
import { renderPage } from '../views.js';
import type { TryFailure } from './try_failure_explanation.js';

/** The failure page for a TRY that ended before the upstream sent the browser back. */
export function renderTryFailure(res: Response, failure: TryFailure, context: { strategy: string; sandbox: boolean }, status: number): void {
  renderPage(res, 'try_failure', { title: 'Try failed', section: 'social', failure, strategy: context.strategy, sandbox: context.sandbox }, status);
}
