import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

/**
 * `npm run bench:compare` run to completion as the built program, this checkout against itself at
 * a tiny load: both builds complete logins in every round of each pair of processes, without an
 * error, and it ends on the pairs' combined ratio, its interval and a verdict. The ratio's value
 * is never asserted (speed is the benchmark's to report).
 */

const SCRIPT = join(process.cwd(), 'dist/bench/compare_builds.js');
const BOUND_MS = 120_000;

function compare(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...args], { timeout: BOUND_MS }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe('npm run bench:compare at a tiny load', () => {
  it('measures both builds in every round of every pair and ends on their combined ratio and a verdict', async () => {
    if (!existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: run npm run build first (npm test does)`);
    const { code, stdout, stderr } = await compare(['--against', process.cwd(), '--pairs', '2', '--rounds', '2', '--seconds', '1', '--warmup', '0', '--users', '2']);
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    const rounds = stdout.split('\n').filter((line) => / round \d+: /.test(line));
    expect(rounds).toHaveLength(4);
    for (const line of rounds) {
      expect(line).toMatch(/^pair [12] round [12]: this build [\d.]+ ms\/login at [\d.]+\/s \(0 errors\), the other [\d.]+ ms\/login at [\d.]+\/s \(0 errors\): other\/this [\d.]+$/);
      expect(line).not.toMatch(/at 0\/s/);
    }
    // Each pair is fresh processes of both builds, and reports its own median.
    expect(stdout.match(/^pair [12]: other\/this [\d.]+ \(median of 2 rounds\)$/gm)).toHaveLength(2);
    expect(stdout).toMatch(
      /^sqlite, google-health, 2 users, 2 pairs of 2 rounds of 1 s: the other build's CPU per login is [\d.]+x this one's \(95 % interval [\d.]+ to [\d.]+; pairs [\d.]+, [\d.]+; rounds [\d.]+ to [\d.]+\)$/m,
    );
    expect(stdout).toMatch(/^(resolved|not resolved): /m);
  }, BOUND_MS + 10_000);

  it('refuses a checkout that was not built, and says how to build it', async () => {
    const { code, stderr } = await compare(['--against', '/nonexistent/checkout']);
    expect(code).toBe(2);
    expect(stderr).toContain('run npm ci && npm run build in /nonexistent/checkout first');
  });
});
