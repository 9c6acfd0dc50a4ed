import type { Request } from 'express';
import type { Sealer } from '../domain/ports.js';
import type { Sealed } from '../domain/types.js';

declare module 'express-session' {
  interface SessionData {
    /**
     * What a POST leaves for the page its redirect leads to (Post/Redirect/Get), shown on that
     * page's next view only: a new client secret, a set-password link. Sealed, because the session
     * store keeps it at rest until then.
     */
    shownOnce?: Record<string, Sealed>;
  }
}

// A few tabs may leave something at once; older entries are dropped rather than kept forever.
const MAX_ENTRIES = 5;

/** Keeps `value` (JSON) for the next view of the page that takes `key`. Never put it in a URL instead. */
export function keepForOneView(req: Request, sealer: Sealer, key: string, value: unknown): void {
  const kept = Object.entries(req.session.shownOnce ?? {}).filter(([name]) => name !== key);
  req.session.shownOnce = Object.fromEntries([...kept.slice(-(MAX_ENTRIES - 1)), [key, sealer.seal(JSON.stringify(value))]]);
}

/** The value kept under `key`, removed from the session as it is read; undefined when there is none. */
export function takeForOneView<T>(req: Request, sealer: Sealer, key: string): T | undefined {
  const sealed = req.session.shownOnce?.[key];
  if (sealed === undefined) return undefined;
  const { [key]: _taken, ...rest } = req.session.shownOnce ?? {};
  req.session.shownOnce = rest;
  try {
    return JSON.parse(sealer.open(sealed)) as T;
  } catch {
    // Sealed under a master key no longer configured: as good as already shown.
    return undefined;
  }
}
