import { InvalidScopeError } from '../../../errors/index.js';
import { splitScope } from '../request_params.js';

/**
 * RFC 6749 §6: a refresh may ask for the granted scope or less, never more. No `scope` parameter
 * means the whole granted scope.
 */
export function narrowScope(granted: readonly string[], requested: string | undefined): string[] {
  if (requested === undefined) return [...granted];
  const scope = splitScope(requested);
  const extra = scope.filter((name) => !granted.includes(name));
  if (extra.length > 0) throw new InvalidScopeError(`scope may only narrow what was granted; not granted: ${extra.join(' ')}`);
  return scope;
}
