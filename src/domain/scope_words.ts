/**
 * What each scope lets an application have, in the words the consent page shows the person (the
 * scopes /authorize grants: authorize_context.ts's SUPPORTED_SCOPES), and the dashboard shows an
 * admin beside what the person allowed (a user's Authorized applications): here, below both. A
 * scope without words here is shown by its name, so a scope added there is never hidden.
 */
const WORDS: Readonly<Record<string, { readonly title: string; readonly detail: string }>> = {
  openid: { title: 'Know who you are', detail: 'Your user ID at this service, so the application can recognise you when you come back.' },
  profile: { title: 'Your profile', detail: 'Your name, nickname and profile picture.' },
  email: { title: 'Your email address', detail: 'Your email address, and whether it has been verified.' },
  offline_access: {
    title: 'Stay connected when you are away',
    detail: 'Keep access to what you allow here after you close the application, without asking you again.',
  },
};

export interface ScopeInWords {
  readonly scope: string;
  readonly title: string;
  readonly detail?: string;
}

export function scopesInWords(scopes: readonly string[]): ScopeInWords[] {
  return scopes.map((scope) => ({ scope, ...(WORDS[scope] ?? { title: scope }) }));
}
