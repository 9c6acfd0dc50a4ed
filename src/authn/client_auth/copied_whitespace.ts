/**
 * The commonest slip with credentials pasted into an application's configuration: a space, tab or
 * line break copied along with them (from a terminal, a dashboard, a `.env` file). fitgate's client
 * ids and generated secrets never hold any, so saying so costs nothing and names the fix.
 */
const WHITESPACE_NOTE = 'begins or ends with whitespace (a space, tab or line break copied with it)';

/** Whether `value` has whitespace at either end, as String.prototype.trim removes it. */
export function hasSurroundingWhitespace(value: string): boolean {
  return value !== value.trim();
}

/**
 * Why an unknown client_id was refused, from the presented value alone (never from whether its
 * trimmed form exists, which would tell which client ids exist).
 */
export function unknownClientDescription(clientId: string): string {
  return hasSurroundingWhitespace(clientId) ? `client authentication failed: the client_id ${WHITESPACE_NOTE}; remove it` : 'client authentication failed';
}

/**
 * Why a wrong secret was refused. `rightOnceTrimmed` says whether the presented secret without its
 * whitespace is the client's: only someone holding the secret learns anything from that.
 */
export function wrongSecretDescription(rightOnceTrimmed: boolean): string {
  return rightOnceTrimmed
    ? `client authentication failed: the client_secret ${WHITESPACE_NOTE}; without it, it is this client's secret: remove it`
    : 'client authentication failed';
}
