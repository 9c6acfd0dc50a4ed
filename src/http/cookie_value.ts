import type { Request } from 'express';

/**
 * The raw value of the cookie `name` on the request (not URI-decoded: the cookies read this way are
 * written with `encode: String`), or undefined. fitgate reads only its own few cookies, each once a
 * request, so one scan of the header beats parsing every cookie into an object on every request.
 */
export function cookieValue(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at !== -1 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}
