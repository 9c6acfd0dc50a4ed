import { describe, expect, it } from '@jest/globals';
import { loadConfig, SECRET_SETTINGS, secretsUnset, sharedSecrets, withoutSecrets, type SecretSetting } from '../../../src/config/index.js';
import { environmentSchema } from '../../../src/config/schema.js';
import { everySecretSet } from './config_support.js';

/** Names that say a setting holds a secret; a new setting named so must be marked secret() in the schema. */
const NAMED_LIKE_A_SECRET = /PASSWORD|SECRET|_KEY$|CREDENTIAL|PRIVATE/;

describe('the secret settings, read off the schema', () => {
  it('are the master keys, the session secrets, the admin password, the bootstrap client secret and REDIS_URL', () => {
    const expected: SecretSetting[] = ['FITGATE_ADMIN_PASSWORD', 'FITGATE_BOOTSTRAP_CLIENT_SECRET', 'FITGATE_MASTER_KEY', 'FITGATE_SESSION_SECRETS', 'REDIS_URL'];
    expect([...SECRET_SETTINGS].sort()).toEqual(expected);
  });

  it('include every setting of the schema named like a secret, and only settings of the schema', () => {
    const names = Object.keys(environmentSchema.shape);
    expect(names.filter((name) => NAMED_LIKE_A_SECRET.test(name)).every((name) => SECRET_SETTINGS.includes(name as SecretSetting))).toBe(true);
    expect(SECRET_SETTINGS.every((name) => names.includes(name))).toBe(true);
  });

  it('are each handed to cluster workers, and only they', () => {
    const shared = sharedSecrets(loadConfig(everySecretSet()));
    expect(Object.keys(shared.settings).sort()).toEqual([...SECRET_SETTINGS].sort());
  });

  it('are left out by withoutSecrets and unset by the environment a worker is forked with', () => {
    const environment = { ...everySecretSet(), PORT: '8080' };
    const { FITGATE_DATA_DIR, FITGATE_ADMIN_EMAIL, FITGATE_BOOTSTRAP_CLIENT_ID } = environment;
    expect(withoutSecrets(environment)).toEqual({ FITGATE_DATA_DIR, FITGATE_ADMIN_EMAIL, FITGATE_BOOTSTRAP_CLIENT_ID, PORT: '8080' });
    expect(secretsUnset()).toEqual(Object.fromEntries(SECRET_SETTINGS.map((name) => [name, undefined])));
    expect(Object.keys(secretsUnset()).sort()).toEqual([...SECRET_SETTINGS].sort());
  });
});
