import type { Config } from './config.js';
import { withoutSecrets, type SecretSetting } from './secret_settings.js';

/**
 * What a cluster primary, which read or generated its secrets once, hands each worker over the IPC
 * channel: every secret setting it has, as the text of its variable, and where the master keys and
 * session secrets came from. The worker's environment holds none of them.
 */
export interface SharedSecrets {
  readonly settings: Readonly<Partial<Record<SecretSetting, string>>>;
  readonly from: Config['secretsFrom'];
}

/**
 * The secrets of `config` as a primary hands them to its workers. The master keys and session
 * secrets go as the primary resolved them, so a worker uses the generated ones as if given in their
 * variables and never reads or generates the files in the data directory (generated into a data
 * directory deleted while the workers run, they would be a new install's and differ from the
 * primary's). A Record over every
 * SecretSetting: marking a new setting secret in the schema does not compile until it says here how
 * a worker gets it.
 */
export function sharedSecrets(config: Config): SharedSecrets {
  const settings: Record<SecretSetting, string | undefined> = {
    FITGATE_MASTER_KEY: config.masterKeys.map((key) => key.toString('base64')).join(','),
    FITGATE_SESSION_SECRETS: config.sessionSecrets.join(','),
    REDIS_URL: config.redis?.url,
    // Workers never bootstrap; they get these so that their configuration is the primary's (the
    // client id is in their environment, and is refused without its secret).
    FITGATE_ADMIN_PASSWORD: config.admin.password,
    FITGATE_BOOTSTRAP_CLIENT_SECRET: config.bootstrapClient?.clientSecret,
  };
  return {
    settings: Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)),
    from: config.secretsFrom,
  };
}

/** A worker's environment to load its configuration from: its own, with the primary's secrets. */
export function withSharedSecrets(environment: Readonly<Record<string, string | undefined>>, shared: SharedSecrets): Record<string, string | undefined> {
  return { ...withoutSecrets(environment), ...shared.settings };
}
