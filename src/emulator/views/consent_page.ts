import { isGoogleIdentityScope } from '../scopes.js';
import type { RegisteredApp, TestUser, UpstreamApi } from '../types.js';
import { scopeInWords } from '../authorize/wording.js';
import { escapeHtml, layout } from './html.js';

export interface ConsentView {
  readonly api: UpstreamApi;
  readonly app: RegisteredApp;
  readonly users: readonly TestUser[];
  /** The login of the user the picker starts on (a Google login_hint's); absent: the first. */
  readonly selectedUser?: string | undefined;
  readonly scopes: readonly string[];
  readonly transactionId: string;
  /** Path the form posts to: the authorize endpoint itself. */
  readonly action: string;
}

/**
 * The consent page a person sees: pick a test user, untick scopes, Allow or Deny. Plain HTML form,
 * no scripts; each input has a <label>. Google's sign-in scopes are listed, not offered: Google's
 * screen has no checkbox for them either.
 */
export function renderConsentPage(view: ConsentView): string {
  const upstream = view.api === 'fitbit-legacy' ? 'Fitbit' : 'Google';
  const appName = view.app.name ?? view.app.clientId;
  const fixed = view.api === 'google-health' ? view.scopes.filter(isGoogleIdentityScope) : [];
  const optional = view.scopes.filter((scope) => !fixed.includes(scope));

  const userOptions = view.users
    .map((user) => {
      const selected = user.login === view.selectedUser ? ' selected' : '';
      return `<option value="${escapeHtml(user.login)}"${selected}>${escapeHtml(user.fullName)} (${escapeHtml(user.login)})</option>`;
    })
    .join('\n');
  const checkboxes = optional
    .map(
      (scope, index) =>
        `<label for="scope-${index}"><input type="checkbox" id="scope-${index}" name="scope" value="${escapeHtml(scope)}" checked> ${escapeHtml(scopeInWords(view.api, scope))}</label>`,
    )
    .join('\n');
  const fixedList = fixed.length
    ? `<p>Always shared when you sign in with Google:</p><ul>${fixed.map((scope) => `<li>${escapeHtml(scopeInWords(view.api, scope))}</li>`).join('')}</ul>`
    : '';

  return layout(
    `${upstream}: allow ${appName}?`,
    `<h1>${escapeHtml(upstream)}</h1>
<p><strong>${escapeHtml(appName)}</strong> would like to access your data.</p>
<form method="post" action="${escapeHtml(view.action)}">
<input type="hidden" name="transaction" value="${escapeHtml(view.transactionId)}">
<label for="user">Sign in as test user</label>
<select id="user" name="user" required>
${userOptions}
</select>
<fieldset>
<legend>Allow access to</legend>
${checkboxes || '<p>No optional permissions were requested.</p>'}
</fieldset>
${fixedList}
<div class="actions">
<button type="submit" name="decision" value="approve">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</div>
</form>`,
  );
}
