import type { RedisClient } from './redis_client.js';

/**
 * With REDIS_URL, Redis is fitgate's store of record: users, identities and sealed upstream tokens
 * live nowhere else. Two Redis settings can lose them without an error: an eviction policy deletes
 * keys under memory pressure, and a Redis without persistence forgets everything on restart. This
 * reads them (as queue libraries on Redis do) so the start-up can refuse or warn. See
 * docs/operations.md for what each setting can lose.
 */
export interface RedisSettingsReport {
  /** ok: nothing lost on eviction or restart; at_risk: see findings; unchecked: CONFIG refused. */
  status: 'ok' | 'at_risk' | 'unchecked';
  /** True when maxmemory-policy is anything but noeviction. */
  evicting: boolean;
  settings?: { 'maxmemory-policy': string; appendonly: string; appendfsync: string; save: string };
  /** One sentence per problem, each saying what to set. */
  findings: string[];
}

const SETTINGS = ['maxmemory-policy', 'appendonly', 'appendfsync', 'save'] as const;

export async function checkRedisSettings(client: RedisClient): Promise<RedisSettingsReport> {
  let values: Record<string, string>;
  try {
    // One parameter per CONFIG GET: Redis before 7 reads only the first.
    const replies = await Promise.all(SETTINGS.map((name) => client.configGet(name)));
    values = Object.assign({}, ...replies) as Record<string, string>;
  } catch (error) {
    // Managed Redis (ElastiCache, Memorystore, ...) renames or forbids CONFIG.
    return {
      status: 'unchecked',
      evicting: false,
      findings: [
        `could not read the Redis settings (CONFIG GET answered: ${firstLine(error)}); check yourself that maxmemory-policy is noeviction and appendonly is yes`,
      ],
    };
  }
  const settings = {
    'maxmemory-policy': values['maxmemory-policy'] ?? '',
    appendonly: values.appendonly ?? '',
    appendfsync: values.appendfsync ?? '',
    save: values.save ?? '',
  };
  const findings: string[] = [];
  const evicting = settings['maxmemory-policy'] !== 'noeviction';
  if (evicting) findings.push(evictionFinding(settings['maxmemory-policy']));
  const aof = settings.appendonly === 'yes';
  const rdb = settings.save.trim() !== '';
  if (!aof && !rdb) {
    findings.push(
      'Redis keeps nothing on disk (appendonly no and no save points): a Redis restart loses every user, identity and upstream token; set appendonly yes and appendfsync everysec',
    );
  } else if (!aof) {
    findings.push(
      `Redis persists only RDB snapshots (save "${settings.save}"): a Redis crash loses every write since the last snapshot; set appendonly yes and appendfsync everysec`,
    );
  } else if (settings.appendfsync === 'no') {
    findings.push('appendfsync is no: the operating system decides when writes reach the disk; a power cut can lose about 30 s of writes; set appendfsync everysec');
  }
  return { status: findings.length === 0 ? 'ok' : 'at_risk', evicting, settings, findings };
}

/** The one line that stops a production start on an evicting Redis. */
export function evictionFinding(policy: string): string {
  return `Redis at REDIS_URL evicts keys under memory pressure (maxmemory-policy ${policy || 'unknown'}), which would silently delete users and upstream tokens; set maxmemory-policy noeviction`;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
