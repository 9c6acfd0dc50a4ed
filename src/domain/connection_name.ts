/**
 * Auth0's rule for a connection's name: letters, digits and single hyphens inside, at most 128
 * characters. The Management API holds new connections to it; anything else a request names
 * cannot be a connection, and is not worth repeating back.
 */
export const CONNECTION_NAME = /^[a-zA-Z0-9](-[a-zA-Z0-9]|[a-zA-Z0-9])*$/;
export const CONNECTION_NAME_MAX_LENGTH = 128;

export function isConnectionName(name: string): boolean {
  return name.length <= CONNECTION_NAME_MAX_LENGTH && CONNECTION_NAME.test(name);
}
