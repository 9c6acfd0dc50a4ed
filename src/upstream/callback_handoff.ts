/**
 * Other parts of fitgate also send people upstream through the tenant's one registered callback URL
 * (the dashboard's TRY). Each claims its own states through a handoff; /login/callback forwards such
 * a request, with the same query and without using the state up, to the handoff's path. The owner
 * is wired in by app.ts, so the Authentication API knows no other area.
 */
export interface CallbackHandoff {
  /** Same-host path that finishes the flow, e.g. "/manage/try/callback". */
  readonly path: string;
  /** Whether `state` belongs to this flow; must not consume it. */
  claims(state: unknown): Promise<boolean>;
}
