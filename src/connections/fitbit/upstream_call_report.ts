import type { UpstreamErrorKind } from '../oauth2/errors/upstream_error.js';
import type { UpstreamOperation } from './errors/upstream_operation.js';

/** What a host's onUpstreamCall hears after each upstream HTTP call: never a URL, token or body. */
export interface UpstreamCallReport {
  operation: UpstreamOperation;
  /** From the request to the end of the body (or the failure). */
  durationMs: number;
  /** The upstream's HTTP status; absent when no answer came (timeout, network). */
  status?: number | undefined;
  /** Absent on success. */
  errorKind?: UpstreamErrorKind | undefined;
}

/** For metrics: called once per upstream call. Whatever it throws is ignored. */
export type UpstreamCallHook = (report: UpstreamCallReport) => void;
