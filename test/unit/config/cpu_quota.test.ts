import { describe, expect, it } from '@jest/globals';
import { autoWorkerCount, cpuQuota } from '../../../src/config/cpu_quota.js';

/** Files as a container would show them; any other path cannot be read. */
const files = (contents: Record<string, string>) => (path: string) => contents[path];
const V2 = '/sys/fs/cgroup/cpu.max';
const V1_QUOTA = '/sys/fs/cgroup/cpu/cpu.cfs_quota_us';
const V1_PERIOD = '/sys/fs/cgroup/cpu/cpu.cfs_period_us';

describe('FITGATE_WORKERS=auto within the cgroup CPU quota', () => {
  it('reads a cgroup v2 limit, rounded up to whole CPUs', () => {
    expect(cpuQuota(files({ [V2]: '200000 100000\n' }))).toBe(2);
    expect(cpuQuota(files({ [V2]: '150000 100000\n' }))).toBe(2);
    expect(cpuQuota(files({ [V2]: '50000 100000\n' }))).toBe(1);
  });

  it('sees no limit in cgroup v2 "max", and does not fall back to v1 files then', () => {
    expect(cpuQuota(files({ [V2]: 'max 100000\n', [V1_QUOTA]: '100000', [V1_PERIOD]: '100000' }))).toBeUndefined();
  });

  it('reads a cgroup v1 limit when there is no cpu.max, under cpu/ or cpu,cpuacct/', () => {
    expect(cpuQuota(files({ [V1_QUOTA]: '300000\n', [V1_PERIOD]: '100000\n' }))).toBe(3);
    expect(cpuQuota(files({ '/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us': '400000', '/sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us': '100000' }))).toBe(4);
  });

  it('sees no limit in cgroup v1 -1, unreadable files or garbage', () => {
    expect(cpuQuota(files({ [V1_QUOTA]: '-1\n', [V1_PERIOD]: '100000\n' }))).toBeUndefined();
    expect(cpuQuota(files({}))).toBeUndefined();
    expect(cpuQuota(files({ [V1_QUOTA]: '200000' }))).toBeUndefined();
    expect(cpuQuota(files({ [V2]: 'two cpus please' }))).toBeUndefined();
    expect(cpuQuota(files({ [V2]: '0 100000' }))).toBeUndefined();
    expect(cpuQuota(files({ [V1_QUOTA]: '1e5', [V1_PERIOD]: '100000' }))).toBeUndefined();
  });

  it('runs the smaller of the cores and the quota, and at least one worker', () => {
    expect(autoWorkerCount(64, files({ [V2]: '200000 100000' }))).toBe(2);
    expect(autoWorkerCount(4, files({ [V2]: '800000 100000' }))).toBe(4);
    expect(autoWorkerCount(8, files({ [V2]: 'max 100000' }))).toBe(8);
    expect(autoWorkerCount(8, files({}))).toBe(8);
    expect(autoWorkerCount(0, files({}))).toBe(1);
  });
});
