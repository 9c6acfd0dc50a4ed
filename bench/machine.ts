import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';
import type { BenchResult } from './result_schema.js';

/**
 * What the numbers were measured on; `nproc` is what the kernel lets this process use. The load
 * average says whether other work shared the cores during the run (it moves the numbers a lot).
 */
export function describeMachine(loadAverageAtStart: number): BenchResult['machine'] {
  return {
    nproc: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryBytes: totalmem(),
    node: process.version,
    platform: `${platform()} ${release()}`,
    loadAverage: { atStart: loadAverageAtStart, atEnd: oneMinuteLoad() },
  };
}

export function oneMinuteLoad(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100;
}
