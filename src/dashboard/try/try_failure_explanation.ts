/**
 * What a failed TRY means and how to fix it, by the kind of failure the plugin reports (plugins are
 * matched structurally: their errors carry a documented `kind`, `upstreamCode`, `upstreamMessage`,
 * `status` and `operation`). One entry per remedy an admin can act on.
 */
export interface TryFailure {
  kind: string;
  /** What the upstream said, in its own words (code, message, HTTP status); never a token. */
  upstreamSaid: string;
  meaning: string;
  fix: string;
}

export interface FailureContext {
  callbackUrl: string;
  api: string;
  /** Permission names an admin could tick that let the upstream identify the user. */
  missingScopes: string[];
}

type Explanation = (context: FailureContext) => { meaning: string; fix: string };

const CREDENTIALS_PLACE: Record<string, string> = {
  'google-health': 'the Google Cloud console (Google Auth Platform → Clients → your OAuth client)',
  'fitbit-legacy': 'dev.fitbit.com (Manage → your app)',
};

const CLIENT_ID_LOOKS: Record<string, string> = {
  'google-health': 'a Google OAuth client ID ends in .apps.googleusercontent.com',
  'fitbit-legacy': 'a Fitbit "OAuth 2.0 Client ID" is six characters, such as 23ABCD',
};

// An invalid_client is explained by where it happened: at authorize only the Client ID has been
// sent (unknown_client, found by authorize_preflight.ts); at the token step the upstream has
// accepted that ID already, so it is the secret it refused (invalid_client).
const EXPLANATIONS: Readonly<Record<string, Explanation>> = {
  unknown_client: ({ api }) => ({
    meaning:
      'The upstream does not know this Client ID: its sign-in page refused it before anyone could sign in, so the Client Secret was never tried. The ID is mistyped, belongs to a deleted client, or was registered for the other API.',
    fix: `Copy the Client ID again from ${CREDENTIALS_PLACE[api] ?? 'the upstream'} (${CLIENT_ID_LOOKS[api] ?? 'copy it whole'}), paste it into Client ID, check that the API chosen matches where the client is registered, save, and press Try again.`,
  }),
  invalid_client: ({ api }) => ({
    meaning:
      'The upstream knows the Client ID (its sign-in page accepted it), but the Client Secret was refused at the token step, when fitgate exchanged the code for tokens: the secret is wrong, was rotated, or belongs to another client.',
    fix: `Copy the client secret again from ${CREDENTIALS_PLACE[api] ?? 'the upstream'}, paste it into Client Secret, save, and press Try again. Check that it belongs to the same client as the Client ID.`,
  }),
  unauthorized_client: () => ({
    meaning: 'The upstream knows this client but will not let it sign in this account (a Fitbit "Personal" app only lets its owner in; a Google app in Testing only lets its test users in).',
    fix: 'Use a "Server" type Fitbit app, or add the account as a test user (or publish the app) in the Google Cloud console, then press Try again.',
  }),
  redirect_uri_mismatch: ({ callbackUrl }) => ({
    meaning: 'The callback URL is not registered with the upstream client, or differs from it (a trailing slash or http/https difference is enough).',
    fix: `Register exactly ${callbackUrl} as an authorised redirect URI of the client, save it there, and press Try again.`,
  }),
  access_denied: () => ({
    meaning: 'The user declined on the upstream consent page, so no data may be shared.',
    fix: 'Press Try again and choose Allow on the consent page.',
  }),
  insufficient_scope: ({ missingScopes }) => ({
    meaning: 'Permissions were left unticked on the consent page, and without them the upstream will not say who the user is.',
    fix: `Press Try again and tick at least one of ${missingScopes.join(', ') || 'the requested permissions'} on the consent page. Users may untick others; fitgate copes.`,
  }),
  invalid_scope: () => ({
    meaning: 'The upstream refused the permissions requested: some are not enabled for this client.',
    fix: 'In the upstream console add every scope this connection requests (see the setup steps), or untick the permissions you do not need here, save, and press Try again.',
  }),
  gone: () => ({
    meaning: 'The legacy Fitbit endpoints are gone: Fitbit turned the legacy Web API off on 2026-11-02 and it answers 410 Gone.',
    fix: 'Switch this connection\'s API to "Google Health API", register a Google Cloud OAuth client (see the setup steps), paste its Client ID and Client Secret, save, and press Try again.',
  }),
  invalid_grant: ({ callbackUrl }) => ({
    meaning: 'The upstream refused the authorization code: it expired, was already used, or was issued for another redirect URI.',
    fix: `Press Try again and finish the consent page within a few minutes. If it keeps failing, check that the registered redirect URI is exactly ${callbackUrl}.`,
  }),
  rate_limited: () => ({
    meaning: 'The upstream is rate limiting this client.',
    fix: 'Wait a few minutes and press Try again.',
  }),
  unavailable: () => ({
    meaning: 'The upstream could not be reached or answered with a server error.',
    fix: 'Check the upstream\'s status page and this server\'s network access (or FITGATE_UPSTREAM_BASE_URL when an emulator stands in), then press Try again.',
  }),
  timeout: () => ({
    meaning: 'The upstream did not answer in time.',
    fix: 'Press Try again in a minute; if it persists, check this server\'s network access to the upstream.',
  }),
  invalid_id_token: () => ({
    meaning: 'Google\'s id_token failed verification (signature, issuer, audience, expiry or nonce).',
    fix: 'Check that this server\'s clock is right and that the Client ID is the Google client\'s exact ID, then press Try again.',
  }),
  expired: () => ({
    meaning: 'This Try was already used or took longer than 10 minutes, so its state is gone.',
    fix: 'Press Try again from the connection\'s page and finish the upstream pages within 10 minutes.',
  }),
  not_configured: () => ({
    meaning: 'The connection has no Client ID and the sandbox is off, so there is no upstream to try.',
    fix: 'Paste the Client ID and Client Secret of your upstream client in the Settings tab, save, and press Try again.',
  }),
};

const UNKNOWN: Explanation = () => ({
  meaning: 'The upstream answered something fitgate could not use.',
  fix: 'Check the upstream client\'s settings against the setup steps, then press Try again. The upstream\'s answer above says more.',
});

/** The plugin error's kind, or a kind of our own for what the host detected. */
export function failureKindOf(error: unknown): string {
  const kind = (error as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' ? kind : 'unknown';
}

export function upstreamSaidOf(error: unknown): string {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const parts = [
    typeof fields.operation === 'string' ? `${fields.operation}:` : undefined,
    typeof fields.status === 'number' ? `HTTP ${fields.status}` : undefined,
    typeof fields.upstreamCode === 'string' ? fields.upstreamCode : undefined,
    typeof fields.upstreamMessage === 'string' ? `“${fields.upstreamMessage}”` : undefined,
  ].filter(Boolean);
  if (parts.length > 1) return parts.join(' ');
  return error instanceof Error ? error.message : 'nothing the upstream said was readable';
}

export function explainFailure(kind: string, upstreamSaid: string, context: FailureContext): TryFailure {
  const explanation = (EXPLANATIONS[kind] ?? UNKNOWN)(context);
  return { kind, upstreamSaid, ...explanation };
}
