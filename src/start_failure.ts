import { redisWriteRefusal } from './store/redis/redis_readiness.js';

/**
 * The line fitgate prints when it cannot start: what failed and, for the traps a first start or a
 * move to Redis runs into, what to do about it. Errors without a known remedy are printed as they are.
 */
export function describeStartFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const refusal = redisWriteRefusal(error);
  if (refusal) return `Redis at REDIS_URL is ${refusal}`;
  const { code, syscall } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; syscall?: unknown };
  // A cluster worker's listen fails in the primary's bind on its behalf: the same trap.
  const listening = syscall === 'listen' || syscall === 'bind';
  if (listening && code === 'EADDRINUSE') {
    return `${message}: another program (another fitgate?) is listening on that port; stop it, or set PORT to a free port`;
  }
  if (listening && code === 'EACCES') {
    return `${message}: this user may not listen on ports below 1024; set PORT to a higher port (and put a proxy in front for 80 or 443)`;
  }
  return message;
}
