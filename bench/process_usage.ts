import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time and resident memory of other processes, read from /proc (Linux): CPU is utime + stime,
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

/**
 * The process and every descendant (FITGATE_WORKERS forks workers): pids whose parent is in the
 * tree, found by reading each /proc/<pid>/stat once.
 */
export function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(Number(entry));
    if (parent === undefined) continue;
    parents.set(parent, [...(parents.get(parent) ?? []), Number(entry)]);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i += 1) tree.push(...(parents.get(tree[i] ?? -1) ?? []));
  return tree;
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined; // gone between listing and reading
  }
}

/** Resident set size of the process and its descendants now, in bytes. */
export function treeRssBytes(root: number): number {
  return processTree(root).reduce((sum, pid) => {
    try {
      return sum + rssBytes(pid);
    } catch {
      return sum;
    }
  }, 0);
}

/** CPU of a process, or 0 once it is gone. */
function cpuMsOrZero(pid: number): number {
  try {
    return cpuMs(pid);
  } catch {
    return 0;
  }
}

/**
 * CPU used by each watched process and its descendants between two points in time: for a clustered
 * fitgate, the primary and every worker. A process that exits in between takes its CPU with it (a
 * restarted worker), so the figure is a lower bound then.
 */
export class CpuMeter {
  private readonly start: Map<string, Map<number, number>>;

  constructor(private readonly pids: Readonly<Record<string, number>>) {
    this.start = new Map(Object.entries(pids).map(([name, pid]) => [name, new Map(processTree(pid).map((each) => [each, cpuMsOrZero(each)]))]));
  }

  elapsed(): Record<string, number> {
    return Object.fromEntries(
      Object.entries(this.pids).map(([name, pid]) => {
        const before = this.start.get(name) ?? new Map<number, number>();
        const spent = processTree(pid).reduce((sum, each) => sum + cpuMsOrZero(each) - (before.get(each) ?? 0), 0);
        return [name, spent];
      }),
    );
  }
}
