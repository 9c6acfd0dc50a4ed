import type { Connection, Sealed, SigningKey, Tenant, UpstreamTokens, User } from './types.js';

/**
 * Where sealed values live, the one place that knows: a tenant's private signing keys, a
 * connection's upstream client secret, and each identity's upstream access and refresh tokens. The
 * start-up check, the store's per-key counts and the re-seal all go through here, so a new sealed
 * field is added once (and the SQLite count triggers in src/store/sqlite/migrations.ts list the
 * same paths; the contract test test/integration/store/sealed_key_usage.test.ts holds them together).
 */

export type SealedRecord =
  | { readonly kind: 'tenant'; readonly record: Tenant }
  | { readonly kind: 'connection'; readonly record: Connection }
  | { readonly kind: 'user'; readonly record: User };

export type SealedRecordKind = SealedRecord['kind'];

/** Every kind, in the order a re-seal walks them (few records first). */
export const SEALED_RECORD_KINDS: readonly SealedRecordKind[] = ['tenant', 'connection', 'user'];

/** How many sealed values each master key id seals; ids with none are left out. */
export type KeyUsage = Record<string, number>;

/** The master key id a value was sealed under: "v1.<keyId>.<iv>.<ciphertext>.<tag>". */
export function sealedKeyId(value: Sealed): string {
  const [, keyId = ''] = String(value).split('.', 2);
  return keyId;
}

/** The record with every sealed value replaced by `change(value)`; nothing else differs. */
export function mapSealedValues<R extends SealedRecord>(sealed: R, change: (value: Sealed) => Sealed): R {
  switch (sealed.kind) {
    case 'tenant':
      return { kind: 'tenant', record: mapTenant(sealed.record, change) } as R;
    case 'connection':
      return { kind: 'connection', record: mapConnection(sealed.record, change) } as R;
    case 'user':
      return { kind: 'user', record: mapUser(sealed.record, change) } as R;
  }
}

export function sealedValuesOf(sealed: SealedRecord): Sealed[] {
  const values: Sealed[] = [];
  mapSealedValues(sealed, (value) => {
    values.push(value);
    return value;
  });
  return values;
}

export function keyUsageOf(sealed: SealedRecord): KeyUsage {
  const usage: KeyUsage = {};
  for (const value of sealedValuesOf(sealed)) {
    const keyId = sealedKeyId(value);
    usage[keyId] = (usage[keyId] ?? 0) + 1;
  }
  return usage;
}

/** Names a record in reports without any of its secrets, e.g. "user acme/fitbit|GGNJL9". */
export function describeSealedRecord(sealed: SealedRecord): string {
  switch (sealed.kind) {
    case 'tenant':
      return `tenant ${sealed.record.name}`;
    case 'connection':
      return `connection ${sealed.record.tenant}/${sealed.record.name}`;
    case 'user':
      return `user ${sealed.record.tenant}/${sealed.record.userId}`;
  }
}

function mapTenant(tenant: Tenant, change: (value: Sealed) => Sealed): Tenant {
  return {
    ...tenant,
    signingKeys: tenant.signingKeys.map((key): SigningKey => ({ ...key, privateJwk: change(key.privateJwk) })),
  };
}

function mapConnection(connection: Connection, change: (value: Sealed) => Sealed): Connection {
  const { clientSecret } = connection.options;
  if (clientSecret === undefined) return connection;
  return { ...connection, options: { ...connection.options, clientSecret: change(clientSecret) } };
}

function mapUser(user: User, change: (value: Sealed) => Sealed): User {
  return {
    ...user,
    identities: user.identities.map((identity) =>
      identity.tokens === undefined ? identity : { ...identity, tokens: mapTokens(identity.tokens, change) },
    ),
  };
}

function mapTokens(tokens: UpstreamTokens, change: (value: Sealed) => Sealed): UpstreamTokens {
  return {
    ...tokens,
    accessToken: change(tokens.accessToken),
    ...(tokens.refreshToken !== undefined ? { refreshToken: change(tokens.refreshToken) } : {}),
  };
}
