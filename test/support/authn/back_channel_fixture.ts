import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { beforeAll } from '@jest/globals';
import type { Express } from 'express';
import { createLocalJWKSet, jwtVerify, type JWTPayload } from 'jose';
import request from 'supertest';
import { createApp } from '../../../src/app.js';
import type { AppDeps } from '../../../src/app_deps.js';
import { AUTHORIZATION_CODE_TTL_SECONDS, type AuthorizationCodeRecord } from '../../../src/authn/codes/authorization_code.js';
import { userinfoAudience } from '../../../src/authn/tokens/access_token.js';
import { verifyAccessToken } from '../../../src/authn/tokens/verify_access_token.js';
import { loadConfig } from '../../../src/config/index.js';
import { createClient, type NewClient, type NewClientInput } from '../../../src/domain/clients.js';
import { buildTenant, tenantUrl as urlOfTenant } from '../../../src/domain/tenants.js';
import type { Tenant, User } from '../../../src/domain/types.js';
import { createLogger } from '../../../src/logging/index.js';
import { createSealer } from '../../../src/store/sealing.js';
import type { Store } from '../../../src/store/store.js';
import { captureLogLines } from '../log_capture.js';
import type { StoreHarness } from '../stores.js';

/**
 * The whole app on a test store with one tenant ("acme", plus "globex" for cross-tenant checks),
 * and helpers that put clients, users and authorization codes straight into the store, so the back
 * channel is tested without running a login through the front channel.
 */
export interface BackChannel {
  app: Express;
  deps: AppDeps;
  store: Store;
  tenant: Tenant;
  /** "http://acme.localhost:3000" */
  tenantUrl: string;
  /** Host header naming the tenant. */
  host: string;
  other: { tenant: Tenant; host: string };
  /** Every line the app logged. */
  logLines: string[];
  addClient(input?: Partial<NewClientInput>, tenant?: string): Promise<NewClient & { secret: string }>;
  addUser(overrides?: Partial<User>): Promise<User>;
  /** Stores a code as /login/callback would and returns it. */
  putCode(record: Partial<AuthorizationCodeRecord> & Pick<AuthorizationCodeRecord, 'clientId' | 'userId'>, ttlSeconds?: number): Promise<string>;
  /** POST /oauth/token as a form. */
  token(params: Record<string, string>, authorization?: string): request.Test;
  /** Verifies a JWT against the tenant's published JWKS (fetched over HTTP). */
  verifyWithJwks(token: string, audience: string): Promise<JWTPayload>;
  /** The claims of a user's opaque access token, opened as /userinfo opens it. */
  openAccessToken(token: string): Promise<JWTPayload>;
}

export const CALLBACK = 'https://app.example/callback';
export const VERIFIER = 'M25iVXpKU3puUjFaYWg3T1NDTDQtcW1ROUY5YXlwalNoc0hhakxifmZHag';
export const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

export function basicAuth(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}

/** Call at the top of a describeEachStore suite; the returned function gives the fixture inside tests. */
export function useBackChannel(harness: StoreHarness): () => BackChannel {
  let fixture: BackChannel | undefined;
  beforeAll(async () => {
    fixture = await buildBackChannel(harness.store());
  });
  return () => {
    if (!fixture) throw new Error('the back channel fixture is built in beforeAll');
    return fixture;
  };
}

async function buildBackChannel(store: Store): Promise<BackChannel> {
  // Both secrets are given, so nothing is generated into the data directory.
  const config = loadConfig({
    NODE_ENV: 'test',
    FITGATE_DATA_DIR: tmpdir(),
    FITGATE_MASTER_KEY: randomBytes(32).toString('base64'),
    FITGATE_SESSION_SECRETS: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'info',
  });
  const { lines: logLines, destination } = captureLogLines();
  const sealer = createSealer(config.masterKeys);
  const deps: AppDeps = {
    config,
    store,
    sealer,
    logger: createLogger({ level: config.logLevel, destination }),
    plugins: new Map(),
    internalBaseUrl: () => 'http://127.0.0.1:0',
  };
  const addTenant = async (name: string) => {
    const tenant = await buildTenant(name, sealer);
    await store.tenants.create(tenant);
    return { tenant, host: new URL(urlOfTenant(config, tenant.name)).host };
  };
  const main = await addTenant(`acme${randomBytes(3).toString('hex')}`);
  const other = await addTenant(`globex${randomBytes(3).toString('hex')}`);
  const app = createApp(deps);
  const tenantUrl = urlOfTenant(config, main.tenant.name);

  return {
    app,
    deps,
    store,
    tenant: main.tenant,
    tenantUrl,
    host: main.host,
    other,
    logLines,
    async addClient(input = {}, tenant = main.tenant.name) {
      const created = await createClient(store.clients, {
        tenant,
        name: 'Acme Web',
        appType: 'regular_web',
        callbacks: [CALLBACK],
        ...input,
      });
      return { ...created, secret: created.clientSecret ?? '' };
    },
    async addUser(overrides = {}) {
      const now = new Date().toISOString();
      const user: User = {
        tenant: main.tenant.name,
        userId: `fitbit|${randomBytes(4).toString('hex').toUpperCase()}`,
        email: 'ada@example.com',
        emailVerified: true,
        name: 'Ada Lovelace',
        nickname: 'ada',
        givenName: 'Ada',
        familyName: 'Lovelace',
        picture: 'https://static.example/ada.png',
        identities: [],
        loginsCount: 1,
        createdAt: now,
        updatedAt: now,
        ...overrides,
      };
      await store.users.create(user);
      return user;
    },
    async putCode(record, ttlSeconds = AUTHORIZATION_CODE_TTL_SECONDS) {
      const code = randomBytes(32).toString('base64url');
      const full: AuthorizationCodeRecord = {
        tenant: main.tenant.name,
        redirectUri: CALLBACK,
        scope: ['openid', 'profile', 'email', 'offline_access'],
        connection: 'fitbit',
        authTime: Math.floor(Date.now() / 1000) - 5,
        grantId: randomUUID(),
        ...record,
      };
      await store.ephemeral.put('authorization_code', code, full, ttlSeconds);
      return code;
    },
    token(params, authorization) {
      const call = request(app).post('/oauth/token').set('Host', main.host).type('form');
      if (authorization) call.set('Authorization', authorization);
      return call.send(params);
    },
    async verifyWithJwks(token, audience) {
      const jwks = await request(app).get('/.well-known/jwks.json').set('Host', main.host).expect(200);
      const { payload } = await jwtVerify(token, createLocalJWKSet(jwks.body), {
        issuer: `${tenantUrl}/`,
        audience,
        algorithms: ['RS256'],
      });
      return payload;
    },
    async openAccessToken(token) {
      const context = { tenant: main.tenant, tenantUrl };
      return (await verifyAccessToken(deps, context, token, userinfoAudience(tenantUrl))).claims;
    },
  };
}
