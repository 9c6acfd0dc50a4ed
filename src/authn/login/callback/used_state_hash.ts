import { createHash } from 'node:crypto';

/**
 * A used-up upstream state as fitgate keeps it, to know its callback when it comes again (the back
 * button, a reload from history): SHA-256, base64url. Never the state itself, though once used it
 * finishes nothing.
 */
export function usedStateHash(upstreamState: string): string {
  return createHash('sha256').update(upstreamState, 'utf8').digest('base64url');
}
