import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { benchResultSchema, type BenchResult } from '../../../bench/result_schema.js';
import { redisAvailable } from '../../support/redis.js';

/**
 * `npm run bench` at a tiny load, run to completion as the built program (dist/bench/run.js, as
 * `npm run bench` runs it): its JSON must match the schema and its markdown must hold every table
 * with well-formed rows. Speed is never asserted. Both stores when Redis answers; REQUIRE_REDIS=1
 * makes a missing Redis a failure, as in test/support/redis.ts.
 */

const RUN_SCRIPT = join(process.cwd(), 'dist/bench/run.js');
const BENCH_BOUND_MS = 240_000;

const withRedis = await redisAvailable();
if (!withRedis && process.env.REQUIRE_REDIS === '1') {
  throw new Error('REQUIRE_REDIS=1 but Redis does not answer at redis://127.0.0.1:6379: start redis-server and run again');
}
if (!withRedis) {
  console.warn('\n!!! bench_output: Redis does not answer at redis://127.0.0.1:6379; running the benchmark on the embedded store only.\n');
}
const stores = withRedis ? ['sqlite', 'redis'] : ['sqlite'];

const SECTIONS = [
  '## Machine',
  '## Complete logins: fitgate vs the do-it-yourself Passport app (peer)',
  '## By concurrency',
  '## Legacy upstream (fitbit-legacy): by concurrency',
  '## Workers (FITGATE_WORKERS)',
  '## Store writes per login',
  '## Each hop at 50 % and 70 % of peak (open loop) and at peak',
  '## Endpoints alone',
  '## Redis memory',
  '## How cost grows with the tenant',
  '## Targets (issues 7 and 13)',
];

describe('npm run bench at a tiny load', () => {
  let outDir = '';
  let result: BenchResult;
  let markdown = '';

  beforeAll(async () => {
    if (!existsSync(RUN_SCRIPT)) throw new Error(`${RUN_SCRIPT} is missing: run npm run build first (npm test does)`);
    outDir = mkdtempSync(join(tmpdir(), 'fitgate-bench-test-'));
    await new Promise<void>((resolve, reject) => {
      execFile(
        process.execPath,
        [RUN_SCRIPT, '--quick', '--workers', '2', '--stores', stores.join(','), '--out', outDir],
        { timeout: BENCH_BOUND_MS, maxBuffer: 1 << 22 },
        (error, _stdout, stderr) => (error ? reject(new Error(`the benchmark failed: ${stderr.slice(-2000)}`)) : resolve()),
      );
    });
    result = benchResultSchema.parse(JSON.parse(readFileSync(join(outDir, 'latest.json'), 'utf8')));
    markdown = readFileSync(join(outDir, 'latest.md'), 'utf8');
  }, BENCH_BOUND_MS + 10_000);

  afterAll(() => {
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('writes a result for every store it was asked to run, marked as reduced load', () => {
    expect(result.runs.map((run) => run.store)).toEqual(stores);
    expect(result.reducedLoad).toBe(true);
  });

  it('completes logins through fitgate and through the peer at every level, with latencies for every hop', () => {
    for (const run of result.runs) {
      for (const level of [...run.fitgate.levels, ...run.peer.levels]) {
        expect(level.completed).toBeGreaterThan(0);
        for (const hop of Object.values(level.hops)) expect(hop.count).toBeGreaterThan(0);
      }
      expect(Object.keys(run.fitgate.peak.hops)).toEqual(['authorize', 'upstream_consent', 'callback', 'token', 'userinfo']);
      expect(Object.keys(run.peer.peak.hops)).toEqual(['login', 'upstream_consent', 'callback', 'protected_page']);
    }
  });

  it('measures fitgate and a peer on the fitbit-legacy upstream at every level, without an error', () => {
    for (const run of result.runs) {
      const levels = [...run.legacy.fitgate.levels, ...run.legacy.peer.levels];
      expect(levels.map((level) => level.concurrency)).toEqual([...result.options.levels, ...result.options.levels]);
      for (const level of levels) {
        // The samples first, so a failure shows what went wrong, not only how often.
        expect({ store: run.store, samples: level.errorSamples }).toEqual({ store: run.store, samples: [] });
        expect(level.errors).toBe(0);
        expect(level.completed).toBeGreaterThan(0);
        expect(level.cpuMsPerOp).toBeGreaterThan(0);
      }
      expect(Object.keys(run.legacy.fitgate.peak.hops)).toEqual(['authorize', 'upstream_consent', 'callback', 'token', 'userinfo']);
      expect(Object.keys(run.legacy.peer.peak.hops)).toEqual(['login', 'upstream_consent', 'callback', 'protected_page']);
      expect(run.legacy.ratios.cpuPerLogin).toBeGreaterThan(0);
    }
  });

  it('measures /authorize, the token endpoint and userinfo alone, and the three scale scenarios', () => {
    for (const run of result.runs) {
      for (const endpoint of [run.endpoints.authorize, run.endpoints.codeExchange, run.endpoints.refresh, run.endpoints.userinfo]) expect(endpoint?.completed).toBeGreaterThan(0);
      expect(run.scale.map((scenario) => scenario.result.completed > 0)).toEqual([true, true, true]);
      expect(run.scale[1]!.clients).toBeGreaterThan(run.scale[0]!.clients);
      expect(run.scale[2]!.users).toBeGreaterThan(run.scale[0]!.users);
    }
  });

  it('charges CPU to the server processes and reports Redis memory only for the Redis run', () => {
    for (const run of result.runs) {
      expect(run.memory.fitgateRssBytes).toBeGreaterThan(0);
      expect(run.memory.peerRssBytes).toBeGreaterThan(0);
      if (run.store === 'redis') {
        expect(run.memory.redis?.bytesPerSession).toBeGreaterThan(0);
        expect(run.memory.redis?.bytesPerPendingLogin).toBeGreaterThan(0);
      } else {
        expect(run.memory.redis).toBeNull();
      }
    }
  });

  it('measures one worker against two at the same load, charging CPU to the primary and both workers', () => {
    for (const run of result.runs) {
      expect(run.workers?.workers).toBe(2);
      expect(run.workers?.single.completed).toBeGreaterThan(0);
      expect(run.workers?.multiple.completed).toBeGreaterThan(0);
      expect(run.workers?.multiple.cpuMsPerOp).toBeGreaterThan(0);
      // The samples first, so a failure shows what went wrong, not only how often.
      expect({ store: run.store, samples: run.workers?.multiple.errorSamples }).toEqual({ store: run.store, samples: [] });
      expect(run.workers?.multiple.errors).toBe(0);
    }
  });

  it('judges each target of the issue for each store as met or missed', () => {
    const ids = result.targets.map((target) => `${target.store}:${target.id}`);
    for (const store of stores) {
      for (const id of [
        'throughput',
        'cpu_per_login',
        'cpu_per_login_every_level',
        'cpu_per_login_legacy',
        'cpu_per_login_every_level_legacy',
        'p99_at_70_percent',
        'p99_at_50_percent',
        'client_scaling',
      ]) {
        expect(ids).toContain(`${store}:${id}`);
      }
    }
    expect(ids.includes('redis:redis_bytes_per_session')).toBe(withRedis);
  });

  it('writes a markdown report with every section, each table with as many cells per row as its header', () => {
    for (const section of SECTIONS) expect(markdown).toContain(section);
    const tables = markdownTables(markdown);
    expect(tables.length).toBe(SECTIONS.length);
    for (const table of tables) {
      const [header, separator, ...rows] = table;
      expect(separator).toMatch(/^\| (--- \| )*---\s?\|$/);
      for (const row of [separator!, ...rows]) expect(cells(row)).toBe(cells(header!));
    }
    expect(markdown).toMatch(/\| (met|missed) \|/);
  });
});

function markdownTables(markdown: string): string[][] {
  const tables: string[][] = [];
  let current: string[] = [];
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) {
      current.push(line);
    } else if (current.length > 0) {
      tables.push(current);
      current = [];
    }
  }
  if (current.length > 0) tables.push(current);
  return tables;
}

/** Cells of a table row, escaped pipes (\|) not counting as separators. */
function cells(row: string): number {
  return row.replace(/\\\|/g, '').split('|').length - 2;
}
