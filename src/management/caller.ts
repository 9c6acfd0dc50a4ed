import type { Response } from 'express';

/** Who is calling the Management API: the machine-to-machine client of a verified access token. */
export interface ManagementCaller {
  clientId: string;
  scopes: ReadonlySet<string>;
}

export function setCaller(res: Response, caller: ManagementCaller): void {
  res.locals.managementCaller = caller;
}

/** The caller authenticate() stored; only routes behind it ask. */
export function callerOf(res: Response): ManagementCaller {
  const caller = res.locals.managementCaller as ManagementCaller | undefined;
  if (!caller) throw new Error('callerOf() used on a route that does not authenticate');
  return caller;
}
