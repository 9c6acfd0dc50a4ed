import { ConfigError } from './config_error.js';

type SecretVariable = 'FITGATE_MASTER_KEY' | 'FITGATE_SESSION_SECRETS';

/** What each takes, with a command that prints one: the error is all a person starting fitgate reads. */
const HOW_TO_MAKE: Readonly<Record<SecretVariable, string>> = {
  FITGATE_MASTER_KEY: 'base64 of 32 random bytes, such as `openssl rand -base64 32` prints',
  FITGATE_SESSION_SECRETS: 'at least 32 characters, such as `openssl rand -hex 32` prints',
};

/**
 * Refuses a start that lacks the master key or the session secrets where they cannot be generated
 * into the data directory (`when`: with Redis, in production). Both missing are named in one line,
 * so fixing the first does not lead straight to a second refusal.
 */
export function requireSecrets(env: Partial<Record<SecretVariable, unknown>>, when: string): void {
  const missing = (Object.keys(HOW_TO_MAKE) as SecretVariable[]).filter((variable) => !env[variable]);
  const [first, ...others] = missing;
  if (first === undefined) return;
  const alsoMissing = others.map((variable) => `; ${variable} is required too, ${HOW_TO_MAKE[variable]}`).join('');
  throw new ConfigError(first, `is required ${when}: ${HOW_TO_MAKE[first]}${alsoMissing}`);
}
