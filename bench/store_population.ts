import { randomBytes } from 'node:crypto';
import type { SessionData } from 'express-session';
import type { Config } from '../src/config/index.js';
import { createClient as buildApplication } from '../src/domain/clients.js';
import type { User } from '../src/domain/types.js';
import { openStore } from '../src/store/open_store.js';
import type { RedisStore } from '../src/store/redis/redis_store.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite_store.js';
import type { Store } from '../src/store/store.js';
import { insertSessions, insertUsers } from './sqlite_bulk.js';

/**
 * Grows fitgate's store directly (not through its API) to the sizes of the scale runs: clients,
 * users and sessions copied from records real logins wrote, so they have the real shape and size.
 * SQLite writes go in large transactions (./sqlite_bulk.ts) and Redis writes in pipelined batches,
 * so a million of each takes a minute or two rather than hours.
 */

const TENANT = 'default';
const SQLITE_BATCH = 50_000;
const REDIS_IN_FLIGHT = 2_000;

export class StorePopulation {
  private constructor(readonly store: Store) {}

  /** Opens the same store the fitgate process uses (same data directory or Redis prefix). */
  static async open(config: Config): Promise<StorePopulation> {
    return new StorePopulation(await openStore(config));
  }

  async userCount(): Promise<number> {
    return this.store.users.count(TENANT);
  }

  /** Adds `count` regular web applications; returns their ids so they can be removed again. */
  async addClients(count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let made = 0; made < count; made += REDIS_IN_FLIGHT) {
      const batch = Array.from({ length: Math.min(REDIS_IN_FLIGHT, count - made) }, (_, index) =>
        buildApplication(this.store.clients, {
          tenant: TENANT,
          name: `Generated app ${made + index}`,
          appType: 'regular_web',
          callbacks: [`https://app${made + index}.bench.example/callback`],
        }),
      );
      for (const { client } of await Promise.all(batch)) ids.push(client.clientId);
    }
    return ids;
  }

  async removeClients(ids: readonly string[]): Promise<void> {
    for (let start = 0; start < ids.length; start += REDIS_IN_FLIGHT) {
      await Promise.all(ids.slice(start, start + REDIS_IN_FLIGHT).map((id) => this.store.clients.delete(TENANT, id)));
    }
  }

  /** Adds users numbered [from, to), each a copy of a user a real login created, with its own ids. */
  async addUsers(from: number, to: number): Promise<void> {
    const template = (await this.store.users.list(TENANT, { page: 0, perPage: 1 })).items[0];
    if (!template) throw new Error('no user to copy: run logins before growing the store');
    await this.inBatches(from, to, async (start, end) => {
      const users = Array.from({ length: end - start }, (_, offset) => generatedUser(template, start + offset));
      if (this.store.kind === 'sqlite') insertUsers((this.store as SqliteStore).db, users);
      else await Promise.all(users.map((user) => this.store.users.create(user)));
    });
  }

  /** Adds sessions numbered [from, to), each holding a signed-in user like a real one. */
  async addSessions(from: number, to: number): Promise<void> {
    const template = await this.sessionTemplate();
    const sessionStore = this.store.sessionStore();
    await this.inBatches(from, to, async (start, end) => {
      const sessions = Array.from({ length: end - start }, (_, offset): [string, SessionData] => [
        randomBytes(24).toString('base64url'),
        { ...template, endUser: { ...template.endUser!, userId: `fitbit|gen-${start + offset}` } },
      ]);
      if (this.store.kind === 'sqlite') {
        insertSessions((this.store as SqliteStore).shortLivedDb, sessions);
        return;
      }
      await Promise.all(
        sessions.map(
          ([sid, data]) => new Promise<void>((resolve, reject) => sessionStore.set(sid, data, (error) => (error ? reject(error as Error) : resolve()))),
        ),
      );
    });
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private async sessionTemplate(): Promise<SessionData> {
    let json: string | undefined;
    if (this.store.kind === 'sqlite') {
      const row = (this.store as SqliteStore).shortLivedDb.prepare('SELECT sess FROM sessions WHERE sess LIKE ? LIMIT 1').get('%"endUser"%') as
        | { sess: string }
        | undefined;
      json = row?.sess;
    } else {
      const redis = this.store as RedisStore;
      for await (const keys of redis.client.scanIterator({ MATCH: `${redis.keys.sessionPrefix()}*`, COUNT: 1000 })) {
        for (const key of keys) {
          const value = await redis.client.get(key);
          if (value?.includes('"endUser"')) json = value;
          if (json) break;
        }
        if (json) break;
      }
    }
    if (!json) throw new Error('no signed-in session to copy: run logins before growing the store');
    return JSON.parse(json) as SessionData;
  }

  /**
   * Calls `write` for consecutive ranges covering [from, to): on SQLite one transaction per range,
   * on Redis one range of commands in flight at once, which node-redis pipelines.
   */
  private async inBatches(from: number, to: number, write: (start: number, end: number) => Promise<void>): Promise<void> {
    const size = this.store.kind === 'sqlite' ? SQLITE_BATCH : REDIS_IN_FLIGHT;
    for (let start = from; start < to; start += size) await write(start, Math.min(to, start + size));
  }
}

function generatedUser(template: User, index: number): User {
  const id = `gen-${index}`;
  return {
    ...template,
    userId: `fitbit|${id}`,
    email: `gen${index}@bench.example`,
    name: `Generated User ${index}`,
    nickname: `gen${index}`,
    identities: template.identities.map((identity) => {
      const { legacyUserId: _legacy, ...rest } = identity;
      return { ...rest, userId: id };
    }),
    loginsCount: 1,
  };
}
