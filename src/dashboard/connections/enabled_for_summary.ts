/** How many applications a connection's card names before it counts the rest. */
export const ENABLED_FOR_NAMED = 5;

/** The applications a connection's card on the Social list names, and how many more it is enabled for. */
export interface EnabledForSummary {
  readonly named: readonly string[];
  readonly more: number;
}

/**
 * The card's "Enabled for" line: the first few names, in the connection's order, and a count of the
 * rest ("and 7 more"), so a connection enabled for many applications keeps a short card without
 * leaving any out silently; its Applications tab lists every one.
 */
export function enabledForSummary(names: readonly string[]): EnabledForSummary {
  return { named: names.slice(0, ENABLED_FOR_NAMED), more: Math.max(0, names.length - ENABLED_FOR_NAMED) };
}
