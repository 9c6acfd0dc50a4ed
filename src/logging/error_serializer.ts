import { stdSerializers, type SerializedError } from 'pino';
import { AppError } from '../errors/index.js';

/**
 * The process logger's `err`: pino's own serializer (class as `type`, message with its causes'
 * messages, the error's fields, stack with its causes' stacks), without the stack for an error
 * fitgate expects (AppError's `expected`: the store out of reach, a busy record, ...). During a
 * store outage every request's line carries one: its stack, and its driver cause's, would make each
 * line about five times as long, when operators read the log most, and say nothing the class and
 * message do not. Any other error, a bug, keeps its stack.
 */
export function serializeError(error: unknown): unknown {
  const serialized = stdSerializers.err(error as Error);
  if (!(error instanceof AppError) || !error.expected) return serialized;
  const { stack: _stack, ...withoutStack } = serialized as SerializedError;
  return withoutStack;
}
