/** How a worker reaches the sandbox emulator the primary runs. */
export interface SandboxLink {
  /** Loopback base URL of the primary's emulator host, e.g. "http://127.0.0.1:40123". */
  readonly url: string;
  /** The sandbox apps' credentials by the upstream API each plays (a plugin's `apis` id). */
  readonly credentials: Readonly<Record<string, { readonly clientID: string; readonly clientSecret: string }>>;
}

/** What the primary tells a worker before it opens its store. */
export interface WorkerSetup {
  readonly sandbox: SandboxLink | undefined;
}

/** How many of the configured workers answered (each pinged its own store) within the bound. */
export interface WorkersReadiness {
  readonly expected: number;
  readonly ready: number;
}

/** What a worker asks the primary: kind → request body and reply body. */
// Types, not interfaces: a Protocol needs the implicit index signature only type aliases have.
export type PrimaryQuestions = {
  setup: { request: null; reply: WorkerSetup };
  'workers-ready': { request: { timeoutMs: number }; reply: WorkersReadiness };
  /** Registers a tenant's callback URL with the sandbox emulator's apps. */
  'sandbox-callback': { request: { callbackUrl: string }; reply: null };
};

/** What the primary asks a worker. */
export type WorkerQuestions = {
  /** Resolves once the worker's store answered; rejects (or never answers) otherwise. */
  ping: { request: null; reply: null };
};

export type Protocol = Record<string, { request: unknown; reply: unknown }>;
