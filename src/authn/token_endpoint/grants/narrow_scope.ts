import { InvalidScopeError } from '../../../errors/index.js';
import { splitScope } from '../request_params.js';

/** RFC 6749 §6's answer to a scope beyond the grant, for a refresh. */
function invalidScope(extra: readonly string[]): Error {
  return new InvalidScopeError(`scope may only narrow what was granted; not granted: ${extra.join(' ')}`);
}

/**
 * RFC 6749 §6: a refresh may ask for the granted scope or less, never more. No `scope` parameter
 * means the whole granted scope. `refuse` names a grant's own answer to the scopes beyond it.
 */
export function narrowScope(granted: readonly string[], requested: string | undefined, refuse: (extra: readonly string[]) => Error = invalidScope): string[] {
  if (requested === undefined) return [...granted];
  const scope = splitScope(requested);
  const extra = scope.filter((name) => !granted.includes(name));
  if (extra.length > 0) throw refuse(extra);
  return scope;
}
