import type { createClient } from 'redis';

/** The node-redis v5 client every Redis repository shares. */
export type RedisClient = ReturnType<typeof createClient>;
