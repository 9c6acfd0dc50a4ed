import type { ConfigWarning } from './config_warnings.js';
import type { TlsCredentials } from './tls_credentials.js';
import type { UnknownSetting } from './unknown_settings.js';

/** The validated, frozen configuration every other module receives; nothing else reads process.env. */
export interface Config {
  readonly env: 'development' | 'test' | 'production';
  readonly port: number;
  /** Address the public listener binds; undefined: every interface (Node's default). */
  readonly host: string | undefined;
  /** The certificate and key the public listener serves https with; undefined: plain http. */
  readonly tls: TlsCredentials | undefined;
  /** External URL of the default tenant, without a trailing slash. */
  readonly publicUrl: string;
  /**
   * Whether FITGATE_PUBLIC_URL gave publicUrl; false: the default from PORT, which for PORT=0 keeps
   * port 3000 whatever port is bound (load_config.ts), so the start says so.
   */
  readonly publicUrlSet: boolean;
  /** Host (with port, if any) of publicUrl: tenants live at NAME.<baseHost>. */
  readonly baseHost: string;
  readonly redis: { readonly url: string; readonly prefix: string } | undefined;
  readonly dataDir: string;
  /** Newest first: the first seals, all open. */
  readonly masterKeys: readonly Buffer[];
  /** Newest first: the first signs, all verify. */
  readonly sessionSecrets: readonly string[];
  /** Where the master keys and session secrets came from: given in their variables, or kept in the data directory. */
  readonly secretsFrom: { readonly masterKeys: SecretSource; readonly sessionSecrets: SecretSource };
  readonly admin: { readonly email: string | undefined; readonly password: string | undefined };
  readonly bootstrapClient: { readonly clientId: string; readonly clientSecret: string } | undefined;
  readonly upstreamBaseUrl: string | undefined;
  readonly sandbox: boolean;
  readonly trustProxy: boolean | number | string | undefined;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** LOG_FORMAT as set; undefined: pretty when stdout is a terminal outside production, JSON otherwise (logging/log_format.ts). */
  readonly logFormat: 'json' | 'pretty' | undefined;
  /** Where GET /metrics listens; undefined when metrics are off. */
  readonly metricsPort: number | undefined;
  /** Address the metrics listener binds (loopback unless configured). */
  readonly metricsHost: string;
  /** Whether back-channel logout URLs may lead to this host and private networks (FITGATE_BACKCHANNEL_ALLOW_INTERNAL). */
  readonly backchannelAllowInternal: boolean;
  /** The Authentication API's and the dashboard's rate limits; undefined when FITGATE_RATE_LIMITS is off. */
  readonly rateLimits: RateLimits | undefined;
  readonly logRetentionDays: number;
  /** Worker processes; 1 means no cluster (one process). "auto" is resolved to the usable core count. */
  readonly workers: number;
  /** After SIGTERM, how long to keep serving with /health/ready answering 503 "stopping"; 0: stop at once. */
  readonly shutdownDelayMs: number;
  /** FITGATE_ variables set but not read (a misspelt name), for start-up to warn about. */
  readonly unknownSettings: readonly UnknownSetting[];
  /** Settings that work but are likely wrong for where fitgate runs, for start-up to warn about. */
  readonly warnings: readonly ConfigWarning[];
}

export type SecretSource = 'environment' | 'data directory';

/** How many requests (points) one key may make per window. */
export interface RateLimitWindow {
  readonly points: number;
  readonly durationSeconds: number;
}

export interface RateLimits {
  readonly tokenPerClient: RateLimitWindow;
  readonly tokenPerAddress: RateLimitWindow;
  readonly authorizePerAddress: RateLimitWindow;
  readonly callbackPerAddress: RateLimitWindow;
  readonly userinfoPerToken: RateLimitWindow;
  /** Every /manage request, per client address. */
  readonly dashboardPerAddress: RateLimitWindow;
  /** Every /api/v2 request, per authenticated client (in its tenant). */
  readonly managementPerClient: RateLimitWindow;
}
