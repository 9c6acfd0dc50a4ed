/**
 * How Google spells the sign-in scopes it granted, which is not how they were asked for. Asked for
 * `email profile`, its token endpoint answers `https://www.googleapis.com/auth/userinfo.email openid
 * https://www.googleapis.com/auth/userinfo.profile`: the short names become the userinfo URLs and
 * `openid` comes with them even when not asked for (googleapis/google-api-python-client#1088,
 * INGInious/INGInious#409, suculent/thinx-device-api#322). The redirect back from its authorize page
 * lists both spellings, `email profile https://www.googleapis.com/auth/userinfo.email openid ...`
 * (redirects quoted in the Packt book "Hands-on Nuxt.js Web Development", ch. 16, and in public
 * code). Google's order varies between answers; a client must not rely on it.
 */

const URL_OF_SHORT_NAME: Readonly<Record<string, string>> = {
  email: 'https://www.googleapis.com/auth/userinfo.email',
  profile: 'https://www.googleapis.com/auth/userinfo.profile',
};

const SIGN_IN_URLS = new Set(Object.values(URL_OF_SHORT_NAME));

/** The granted scopes as Google's token endpoint lists them, each once. */
export function googleGrantedSpelling(scopes: readonly string[]): string[] {
  const spelled = [...new Set(scopes.map((scope) => URL_OF_SHORT_NAME[scope] ?? scope))];
  const firstSignIn = spelled.findIndex((scope) => SIGN_IN_URLS.has(scope));
  if (firstSignIn >= 0 && !spelled.includes('openid')) spelled.splice(firstSignIn + 1, 0, 'openid');
  return spelled;
}

/** The `scope` of the authorize redirect: the short sign-in names that were asked for, then the grant as the token endpoint spells it. */
export function googleRedirectSpelling(requested: readonly string[], granted: readonly string[]): string[] {
  const shortNames = requested.filter((scope) => Object.hasOwn(URL_OF_SHORT_NAME, scope));
  return [...new Set([...shortNames, ...googleGrantedSpelling(granted)])];
}
