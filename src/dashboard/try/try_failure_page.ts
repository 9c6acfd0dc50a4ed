import type { Response } from 'express';
import { renderPage } from '../views.js';
import type { TryFailure } from './try_failure_explanation.js';

/** What the failure page says the TRY was of; `displayName` names it in the sandbox banner. */
export interface TriedConnection {
  strategy: string;
  sandbox: boolean;
  displayName?: string | undefined;
}

/** The failure page for a TRY that ended before the upstream sent the browser back. */
export function renderTryFailure(res: Response, failure: TryFailure, tried: TriedConnection, status: number): void {
  const { strategy, sandbox, displayName } = tried;
  renderPage(res, 'try_failure', { title: 'Try failed', section: 'social', failure, strategy, sandbox, ...(displayName !== undefined && { displayName }) }, status);
}
