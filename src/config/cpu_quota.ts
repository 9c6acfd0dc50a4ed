import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** Reads a file's text, or undefined when it cannot (absent, unreadable). Tests pass fixtures. */
export type ReadText = (path: string) => string | undefined;

/**
 * Where the container's CPU limit is written: cgroup v2 first (one file, "QUOTA PERIOD" or
 * "max PERIOD"), then cgroup v1 (two files; -1 means no limit). v1 mounts the cpu controller as
 * cpu/ or, on some hosts, only as the combined cpu,cpuacct/.
 */
const CGROUP_V2_CPU_MAX = '/sys/fs/cgroup/cpu.max';
const CGROUP_V1_DIRS = ['/sys/fs/cgroup/cpu', '/sys/fs/cgroup/cpu,cpuacct'];

/**
 * FITGATE_WORKERS=auto: one worker per core this process may really use. Node 20's
 * os.availableParallelism() counts the cores of the affinity mask but ignores a cgroup CPU quota,
 * so a container limited to 2 CPUs on a 64-core host would fork 64 workers, each throttled, each
 * with its own store connection and memory. The quota, rounded up (1.5 CPUs still runs two workers
 * in parallel part of the time), caps the count; at least one.
 */
export function autoWorkerCount(cores: number = availableParallelism(), read: ReadText = readTextOrUndefined): number {
  const quota = cpuQuota(read);
  return Math.max(1, quota === undefined ? cores : Math.min(cores, quota));
}

/** The cgroup CPU quota in whole CPUs (rounded up), or undefined when there is none or it cannot be read. */
export function cpuQuota(read: ReadText = readTextOrUndefined): number | undefined {
  const v2 = read(CGROUP_V2_CPU_MAX);
  // A cgroup v2 host has no v1 files worth trusting: a readable cpu.max decides, limit or "max".
  if (v2 !== undefined) {
    const [quota, period] = v2.trim().split(/\s+/);
    return quota === 'max' ? undefined : cpus(quota, period);
  }
  for (const dir of CGROUP_V1_DIRS) {
    const quota = read(`${dir}/cpu.cfs_quota_us`);
    if (quota === undefined) continue;
    return cpus(quota.trim(), read(`${dir}/cpu.cfs_period_us`)?.trim());
  }
  return undefined;
}

/** ceil(quota / period) for two positive whole numbers; anything else (-1, garbage) is no limit. */
function cpus(quota: string | undefined, period: string | undefined): number | undefined {
  if (!quota || !period || !/^\d+$/.test(quota) || !/^\d+$/.test(period)) return undefined;
  const [q, p] = [Number(quota), Number(period)];
  return q > 0 && p > 0 ? Math.ceil(q / p) : undefined;
}

function readTextOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
