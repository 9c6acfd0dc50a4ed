import { looksLikeTicket, setPasswordTicketKey } from '../../domain/set_password_ticket_key.js';
import { LuaScript } from './lua_script.js';
import type { RedisStore } from './redis_store.js';

/** Moves one ticket to its hashed key with the time it had left, atomically; 1 when there was one to move. */
const MOVE_TICKET = new LuaScript(`
local value = redis.call('GET', KEYS[1])
if not value then return 0 end
local ttl = redis.call('PTTL', KEYS[1])
redis.call('DEL', KEYS[1])
if ttl <= 0 then return 0 end
redis.call('SET', KEYS[2], value, 'PX', ttl, 'NX')
return 1
`);

/**
 * The Redis side of ../sqlite/hashed_ticket_keys.ts: set-password tickets kept by an earlier fitgate
 * under the raw ticket move to the ticket's SHA-256, keeping their value and time to live, once per
 * store (a SCAN of the keyspace, so not at every start). Idempotent, so two processes starting at
 * once may both run it; the key marking it done is set only after the last ticket. Answers how many
 * tickets moved.
 */
export async function hashRawTicketKeys(store: RedisStore): Promise<number> {
  const done = store.keys.dataStepDone('hashed_ticket_keys');
  if ((await store.client.exists(done)) === 1) return 0;
  const prefix = store.keys.ephemeral('ticket', '');
  let moved = 0;
  for await (const batch of store.client.scanIterator({ MATCH: `${escapeGlob(prefix)}*`, COUNT: 1000 })) {
    for (const key of batch) {
      const ticket = key.slice(prefix.length);
      if (!looksLikeTicket(ticket)) continue;
      moved += Number(await MOVE_TICKET.run(store.client, [key, store.keys.ephemeral('ticket', setPasswordTicketKey(ticket))], []));
    }
  }
  await store.client.set(done, new Date().toISOString());
  return moved;
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
