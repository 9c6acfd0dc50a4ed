import type { ClientRepository, ConnectionRepository } from '../../../domain/ports.js';
import type { Client, Connection, Tenant } from '../../../domain/types.js';
import type { ResponseMode, ResponseType } from './response_types.js';

/** The scopes fitgate grants to applications; anything else in `scope` is ignored (RFC 6749 §3.3). */
export const SUPPORTED_SCOPES = ['openid', 'profile', 'email', 'offline_access'] as const;

export type AuthorizeParamName =
  | 'response_type'
  | 'response_mode'
  | 'client_id'
  | 'redirect_uri'
  | 'scope'
  | 'state'
  | 'nonce'
  | 'code_challenge'
  | 'code_challenge_method'
  | 'connection'
  | 'prompt'
  | 'max_age'
  | 'login_hint'
  | 'audience'
  | 'organization'
  | 'invitation'
  | 'request'
  | 'request_uri';

export type AuthorizeParams = Readonly<Partial<Record<AuthorizeParamName, string>>>;

/** What the /authorize checks read from storage. */
export interface AuthorizeDeps {
  readonly clients: Pick<ClientRepository, 'get'>;
  readonly connections: Pick<ConnectionRepository, 'getByName' | 'list'>;
  /** Strategy names with an installed plugin ("fitbit"); connections of other strategies cannot be used. */
  readonly strategies: ReadonlySet<string>;
}

/**
 * One authorization request as the checks build it up. Until `redirectUri` is set, every error is
 * shown as a page (the request may come from anyone, so redirecting would make fitgate an open
 * redirector); from then on errors go back to the client's verified redirect_uri.
 */
export interface AuthorizeContext {
  readonly tenant: Tenant;
  readonly tenantUrl: string;
  readonly params: AuthorizeParams;
  /** The first parameter sent more than once (read_params.ts), refused once redirect_uri is verified. */
  readonly repeatedParam?: AuthorizeParamName;
  client?: Client;
  redirectUri?: string;
  responseType?: ResponseType;
  /** How the answer (or an error) goes back to the client: requested, or the default for the response type. */
  responseMode?: ResponseMode;
  /** Granted scopes, in the order SUPPORTED_SCOPES lists them. */
  scope: string[];
  codeChallenge?: string;
  codeChallengeMethod?: 'S256';
  prompt: string[];
  /** Seconds since the user's last sign-in beyond which a session may not answer (max_age). */
  maxAge?: number;
  /** The account the person will likely sign in with (login_hint), for the upstream's sign-in page. */
  loginHint?: string;
  /** The connection named by `connection=`, when given. */
  connection?: Connection;
  /** Connections enabled for the client, for the Universal Login page. */
  enabledConnections: Connection[];
}

export type AuthorizeCheck = (ctx: AuthorizeContext, deps: AuthorizeDeps) => void | Promise<void>;

/** The client, once check_client has run: later checks may rely on it. */
export function clientOf(ctx: AuthorizeContext): Client {
  if (!ctx.client) throw new Error('check_client must run before this check');
  return ctx.client;
}

/** The response type, once check_response_type has run. */
export function responseTypeOf(ctx: AuthorizeContext): ResponseType {
  if (!ctx.responseType) throw new Error('check_response_type must run before this check');
  return ctx.responseType;
}

/** The verified redirect_uri, once check_redirect_uri has run. */
export function redirectUriOf(ctx: AuthorizeContext): string {
  if (!ctx.redirectUri) throw new Error('check_redirect_uri must run before this check');
  return ctx.redirectUri;
}
