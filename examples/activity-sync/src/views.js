import { html, raw } from './html.js';

/**
 * The pages, as our help text describes them: Dashboard → Connections → Fitbit, where the user
 * connects, verifies, reconnects or disconnects. Plain HTML forms, no scripts.
 */

// The same calm language as fitgate's pages (palette, spacing scale, buttons that look like
// buttons, links underlined only in text), inline because this small app serves no static files.
const STYLE = `:root{--ink:#1d2330;--muted:#5b6474;--line:#d5dae3;--accent:#00747f;--accent-strong:#005f69;--s1:.25rem;--s2:.5rem;--s3:.75rem;--s4:1rem;--s5:1.5rem;--s6:2rem}
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#f5f7f9}
header{display:flex;flex-wrap:wrap;gap:var(--s2) var(--s5);align-items:center;padding:var(--s3) var(--s5);background:#fff;border-bottom:1px solid var(--line)}
.brand{font-weight:700}
nav{display:flex;flex-wrap:wrap;gap:var(--s1) var(--s4)}
nav a{color:var(--ink);text-decoration:none;padding:var(--s1) 0}
nav a:hover{color:var(--accent-strong);text-decoration:underline}
main{max-width:46rem;margin:var(--s6) auto;padding:0 var(--s4)}
h1{font-size:1.6rem;margin:0 0 var(--s4)}
a{color:var(--accent)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.status{font-weight:600}.connected{color:#1e7a3c}.needs{color:#8a4600}
.notice{padding:var(--s3) var(--s4);border-radius:6px;border:1px solid #b7dfe3;background:#e3f3f4;margin:var(--s4) 0}
.problem{background:#fff4d6;border-color:#c99700}
table{border-collapse:collapse;width:100%;background:#fff}td,th{text-align:left;padding:var(--s2) var(--s3);border-bottom:1px solid var(--line);overflow-wrap:anywhere}
th{font-size:.9rem;color:var(--muted)}
.actions{display:flex;flex-wrap:wrap;gap:var(--s3)}
form{display:inline-block;margin:0}
button{display:inline-flex;align-items:center;min-height:2.5rem;padding:var(--s2) var(--s4);border:1px solid var(--accent);border-radius:6px;background:var(--accent);color:#fff;font:inherit;font-weight:600;cursor:pointer}
button:hover{background:var(--accent-strong)}
form[method="post"] button{background:#fff;color:#b3261e;border-color:#b3261e}
code{overflow-wrap:anywhere}
@media (max-width:30rem){header{padding:var(--s3) var(--s4)}main{margin:var(--s4) auto}}`;

const FAVICON =
  'data:image/svg+xml,' +
  encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#00747f"/><path d="M6 21l6-7 5 4 9-9" fill="none" stroke="#fff" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/></svg>');

function layout(title, user, body) {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Activity Sync</title><link rel="icon" href="${FAVICON}"><style>${raw(STYLE)}</style></head>
<body>
<header><span class="brand">Activity Sync</span>
<nav aria-label="Main"><a href="/">Dashboard</a><a href="/connections">Connections</a>${
    user ? html`<a href="/logout">Sign out (${user.name ?? user.sub})</a>` : ''
  }</nav></header>
<main><h1>${title}</h1>
${body}
</main></body></html>`.text;
}

const notice = (text, problem = false) => html`<p class="notice${problem ? ' problem' : ''}" role="status">${text}</p>`;

const STATUS_LABELS = { connected: 'Connected', needs_reauthorization: 'Needs re-authorization' };

/** `unknownStatus`: fitgate could not be asked, so the label says that instead of a guess. */
function statusLine(connection, unknownStatus) {
  if (unknownStatus) return html`<p>Status: <span class="status needs">${unknownStatus}</span></p>`;
  if (!connection) return html`<p>Status: <span class="status">Not connected</span></p>`;
  const needs = connection.status === 'needs_reauthorization';
  return html`<p>Status: <span class="status ${needs ? 'needs' : 'connected'}">${STATUS_LABELS[connection.status] ?? connection.status}</span></p>`;
}

export function dashboardPage({ user, connection, message, problem, unknownStatus }) {
  const body = user
    ? html`<p>Signed in as <strong>${user.name ?? user.sub}</strong>.</p>
<h2>Fitbit</h2>
${statusLine(connection, unknownStatus)}
<p><a href="/connections/fitbit">Manage your Fitbit connection</a></p>`
    : html`<p>Activity Sync reads your workouts from Fitbit.</p>
<p>Go to <a href="/connections">Connections</a> → Fitbit → Connect to get started.</p>`;
  return layout('Dashboard', user, html`${message ? notice(message) : ''}${problem ? notice(problem, true) : ''}${body}`);
}

export function connectionsPage({ user, connection, problem, unknownStatus }) {
  return layout(
    'Connections',
    user,
    html`${problem ? notice(problem, true) : ''}<table><thead><tr><th>Service</th><th>Status</th></tr></thead><tbody>
<tr><td><a href="/connections/fitbit">Fitbit</a></td><td>${unknownStatus ?? STATUS_LABELS[connection?.status] ?? 'Not connected'}</td></tr>
</tbody></table>`,
  );
}

/**
 * The Fitbit connection page. `verification` is present after Verify: the activities, and the heart
 * rate or why it could not be read. Connect, Reconnect and Verify are GET forms (they change
 * nothing here); Disconnect is a POST. With `unknownStatus` there is no button: none would help.
 */
export function fitbitPage({ user, connection, problem, unknownStatus, verification, offerReconnect = false }) {
  const needs = connection?.status === 'needs_reauthorization';
  const button = (action, label, method = 'get') => html`<form method="${method}" action="/connections/fitbit/${action}"><button>${label}</button></form>`;
  const connectionActions = connection
    ? html`${needs || offerReconnect ? button('reconnect', 'Reconnect') : ''}${needs ? '' : button('verify', 'Verify')}${button('disconnect', 'Disconnect', 'post')}`
    : button('connect', 'Connect');
  const actions = unknownStatus ? '' : connectionActions;
  return layout(
    'Fitbit',
    user,
    html`${statusLine(connection, unknownStatus)}
${needs ? notice(html`Fitbit no longer accepts this app's access${connection.reason ? ` (${connection.reason})` : ''}. Press <strong>Reconnect</strong> and allow access again.`, true) : ''}
${problem ? notice(problem, true) : ''}
<div class="actions">${actions}</div>
${verification ? verificationSection(verification) : ''}`,
  );
}

function verificationSection({ activities, heartRate, heartRateProblem }) {
  const list =
    activities.length === 0
      ? notice('Connected, but there are no activities yet. Wear your Fitbit and sync it in the Fitbit app; new workouts appear here.')
      : html`<table aria-label="Recent activities"><thead><tr><th>Activity</th><th>Started</th><th>Minutes</th><th>Steps</th><th>Calories</th></tr></thead><tbody>
${activities.map(
  (activity) =>
    html`<tr><td>${activity.name}</td><td>${activity.start.toISOString().slice(0, 16).replace('T', ' ')} UTC</td><td>${activity.durationMinutes}</td><td>${activity.steps ?? '-'}</td><td>${activity.calories ?? '-'}</td></tr>`,
)}
</tbody></table>`;
  const heart = heartRateProblem
    ? notice(heartRateProblem, true)
    : html`<p>Heart rate: ${heartRate === undefined ? 'no readings yet' : `${heartRate} bpm`}</p>`;
  return html`<h2>Recent activities</h2>${list}<h2>Heart rate</h2>${heart}`;
}

/** Authorization failed, or anything else that went wrong: what happened and what to do. */
export function problemPage({ user, title, explanation, detail }) {
  return layout(
    title,
    user,
    html`${notice(explanation, true)}${detail ? html`<p>Details: <code>${detail}</code></p>` : ''}
<p><a href="/connections/fitbit">Back to the Fitbit connection</a></p>`,
  );
}
