/**
 * A list of checkboxes as a form saves it, in the order the record already had. A browser sends the
 * boxes ticked in the page's order, while the Management API stores a list (a grant's scopes, a
 * connection's scope) in the order it was sent: read in the page's order, a form saved without a
 * change would reorder what the API stored, and a script or a deployment tool comparing the list
 * with what it sent would see a change nobody made. So the values already stored keep their place,
 * and the ones ticked anew follow, in the order given.
 */
export function inStoredOrder<T extends string>(ticked: readonly T[], stored: readonly string[]): T[] {
  const chosen = new Set<string>(ticked);
  const kept = stored.filter((value): value is T => chosen.has(value));
  return [...new Set([...kept, ...ticked])];
}
