/**
 * Tells the in-process caches (cached_repositories.ts) when tenants, clients or connections may
 * have changed anywhere: in this process, in another worker, or on another instance.
 */
export interface ConfigVersion {
  /** A value that changes after every committed change to those records, by any process. */
  read(): Promise<string>;
  /** Called after this process changed one of them: publishes the change and forgets what was read. */
  changed(): Promise<void>;
}
