import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * CPU time and resident memory of another process, read from /proc (Linux): CPU is utime + stime,
 * the time the kernel charged to the process, so waiting on the network or on other processes
 * costs nothing, unlike wall time.
 */

const CLOCK_TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** utime + stime of the process so far, in milliseconds. */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Resident set size now, in bytes. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/** CPU used by each watched process between two points in time. */
export class CpuMeter {
  private readonly start: Map<string, number>;

  constructor(private readonly pids: Readonly<Record<string, number>>) {
    this.start = new Map(Object.entries(pids).map(([name, pid]) => [name, cpuMs(pid)]));
  }

  elapsed(): Record<string, number> {
    return Object.fromEntries(Object.entries(this.pids).map(([name, pid]) => [name, cpuMs(pid) - (this.start.get(name) ?? 0)]));
  }
}
