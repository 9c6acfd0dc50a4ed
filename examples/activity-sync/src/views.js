import { html, raw } from './html.js';

/**
 * The pages, as our help text describes them: Dashboard → Connections → Fitbit, where the user
 * connects, verifies, reconnects or disconnects. Plain HTML forms, no scripts.
 */

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
nav a{margin-right:1rem}.status{font-weight:600}.connected{color:#0a7d32}.needs{color:#b35c00}
.notice{padding:.75rem 1rem;border-radius:.4rem;background:#eef4ff;margin:1rem 0}.problem{background:#fff1e6}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ddd}
form{display:inline-block;margin-right:.5rem}button{font:inherit;padding:.4rem .9rem;cursor:pointer}`;

function layout(title, user, body) {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} · Activity Sync</title><style>${raw(STYLE)}</style></head>
<body>
<nav aria-label="Main"><a href="/">Dashboard</a><a href="/connections">Connections</a>${
    user ? html`<a href="/logout">Sign out (${user.name ?? user.sub})</a>` : ''
  }</nav>
<main><h1>${title}</h1>
${body}
</main></body></html>`.text;
}

const notice = (text, problem = false) => html`<p class="notice${problem ? ' problem' : ''}" role="status">${text}</p>`;

const STATUS_LABELS = { connected: 'Connected', needs_reauthorization: 'Needs re-authorization' };

function statusLine(connection) {
  if (!connection) return html`<p>Status: <span class="status">Not connected</span></p>`;
  const needs = connection.status === 'needs_reauthorization';
  return html`<p>Status: <span class="status ${needs ? 'needs' : 'connected'}">${STATUS_LABELS[connection.status] ?? connection.status}</span></p>`;
}

export function dashboardPage({ user, connection, message, problem }) {
  const body = user
    ? html`<p>Signed in as <strong>${user.name ?? user.sub}</strong>.</p>
<h2>Fitbit</h2>
${statusLine(connection)}
<p><a href="/connections/fitbit">Manage your Fitbit connection</a></p>`
    : html`<p>Activity Sync reads your workouts from Fitbit.</p>
<p>Go to <a href="/connections">Connections</a> → Fitbit → Connect to get started.</p>`;
  return layout('Dashboard', user, html`${message ? notice(message) : ''}${problem ? notice(problem, true) : ''}${body}`);
}

export function connectionsPage({ user, connection, problem }) {
  return layout(
    'Connections',
    user,
    html`${problem ? notice(problem, true) : ''}<table><thead><tr><th>Service</th><th>Status</th></tr></thead><tbody>
<tr><td><a href="/connections/fitbit">Fitbit</a></td><td>${STATUS_LABELS[connection?.status] ?? 'Not connected'}</td></tr>
</tbody></table>`,
  );
}

/**
 * The Fitbit connection page. `verification` is present after Verify: the activities, and the heart
 * rate or why it could not be read. Connect, Reconnect and Verify are GET forms (they change
 * nothing here); Disconnect is a POST.
 */
export function fitbitPage({ user, connection, problem, verification, offerReconnect = false }) {
  const needs = connection?.status === 'needs_reauthorization';
  const button = (action, label, method = 'get') => html`<form method="${method}" action="/connections/fitbit/${action}"><button>${label}</button></form>`;
  const actions = connection
    ? html`${needs || offerReconnect ? button('reconnect', 'Reconnect') : ''}${needs ? '' : button('verify', 'Verify')}${button('disconnect', 'Disconnect', 'post')}`
    : button('connect', 'Connect');
  return layout(
    'Fitbit',
    user,
    html`${statusLine(connection)}
${needs ? notice(html`Fitbit no longer accepts this app's access${connection.reason ? ` (${connection.reason})` : ''}. Press <strong>Reconnect</strong> and allow access again.`, true) : ''}
${problem ? notice(problem, true) : ''}
<p>${actions}</p>
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
