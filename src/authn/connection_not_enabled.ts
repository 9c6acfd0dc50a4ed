/**
 * The words for a connection an application may not use, whether it exists or not (so they tell
 * nobody which connections a tenant has): /authorize and the Token Vault exchange say the same.
 */
export function connectionNotEnabled(connection: string): string {
  return `The connection "${connection}" is not enabled for this application.`;
}
