import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  DisconnectsClientError,
  ErrorReply,
  ReconnectStrategyError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
  TimeoutError,
} from 'redis';
import { StoreFullError, StoreUnavailableError } from '../errors/index.js';
import { diskErrorUnavailable, diskUnavailable, isDiskFailure, SqliteDiskError } from './sqlite/disk_failures.js';

/** node-redis's own errors for a connection that is down, closing, or not answering in time. */
const REDIS_CONNECTION_ERRORS = [
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  DisconnectsClientError,
  ReconnectStrategyError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
  TimeoutError,
];

/**
 * Redis replies that refuse a command for now, not for good: loading its data after a restart,
 * a script running too long, a replica cut off from its primary, a failing RDB save refusing
 * writes. Memory full under `noeviction` (OOM) is one too, worded apart (REDIS_FULL_REPLY).
 */
const REDIS_TRANSIENT_REPLY = /^(LOADING|BUSY|MASTERDOWN|MISCONF|READONLY|TRYAGAIN|CLUSTERDOWN)\b/;

/** A write refused because used memory is above maxmemory under `noeviction` (also from inside a script). */
const REDIS_FULL_REPLY = /^OOM\b/;

/** Socket errors from the operating system while the store's address does not answer. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** SQLite's "another connection holds the lock" after busy_timeout ran out. */
const SQLITE_CODES = /^SQLITE_(BUSY|LOCKED)/;

/**
 * The StoreUnavailableError for a failure that means "the store cannot answer now" (so the caller
 * should retry; a StoreFullError when Redis is out of memory, one worded for the disk when SQLite
 * finds its disk full or failing), or undefined for anything else (a bug, bad data), which stays a
 * 500. Follows `cause` a few levels, since callers may wrap the driver's error in their own.
 */
export function asStoreUnavailable(error: unknown): StoreUnavailableError | undefined {
  for (const current of causeChain(error)) {
    if (current instanceof StoreUnavailableError) return current;
    if (current instanceof ErrorReply && REDIS_FULL_REPLY.test(current.message)) return new StoreFullError({ cause: current });
    if (current instanceof SqliteDiskError) return diskUnavailable(current);
    if (isDiskFailure(current)) return diskErrorUnavailable(current);
    if (isTransient(current)) return new StoreUnavailableError({ cause: current });
  }
  return undefined;
}

/** The first error of `kind` in `error`'s cause chain (causeChain), if any. */
export function findInChain<T extends Error>(error: unknown, kind: abstract new (...args: never[]) => T): T | undefined {
  for (const current of causeChain(error)) if (current instanceof kind) return current;
  return undefined;
}

/** `error` and the errors under it through `cause`, a few levels deep (callers may wrap the driver's error). */
export function* causeChain(error: unknown): Generator<Error> {
  let current = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    yield current;
    current = current.cause;
  }
}

function isTransient(error: Error): boolean {
  if (REDIS_CONNECTION_ERRORS.some((kind) => error instanceof kind)) return true;
  if (error instanceof ErrorReply) return REDIS_TRANSIENT_REPLY.test(error.message);
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return NETWORK_CODES.has(code) || SQLITE_CODES.test(code);
}
