/** The header that presents an access token to a resource endpoint (RFC 6750 §2.1). */
export function bearer(accessToken: string): Record<string, string> {
  return { authorization: `Bearer ${accessToken}` };
}
