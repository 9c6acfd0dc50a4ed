import { worstP99 } from './measure.js';
import type { BenchResult, PeerComparison, LoadResult, StoreRun } from './result_schema.js';

const LEVEL_HEADER = ['store', 'users', 'fitgate logins/s', 'fitgate CPU ms/login', 'fitgate worst p99 ms', 'fitgate errors', 'peer logins/s', 'peer CPU ms/login', 'peer worst p99 ms', 'peer errors'];

/** bench/results/latest.md, from the JSON result alone: the tables bench/README.md explains to read. */
export function renderMarkdown(result: BenchResult): string {
  const { machine } = result;
  const lines: string[] = [
    '# fitgate benchmark: latest run',
    '',
    `Run ${result.startedAt} → ${result.finishedAt}.` +
      (result.reducedLoad ? ' **Reduced load (--quick or smaller options): these numbers only show the shape of the report.**' : ''),
    '',
    '## Machine',
    '',
    ...table(
      ['nproc', 'CPU model', 'memory', 'node', 'platform', 'load average (start → end)'],
      [
        [
          String(machine.nproc),
          machine.cpuModel,
          `${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB`,
          machine.node,
          machine.platform,
          `${machine.loadAverage.atStart} → ${machine.loadAverage.atEnd}`,
        ],
      ],
    ),
    '',
    `Levels ${result.options.levels.join(', ')} virtual users, ${result.options.durationSeconds} s each after ${result.options.warmupSeconds} s warm-up; ` +
      `${result.options.users} distinct emulator users. fitgate, the peer and the emulator are separate processes on this machine, as is the load driver.`,
    '',
    '## Complete logins: fitgate vs the do-it-yourself Passport app (peer)',
    '',
    ...table(
      ['store', 'upstream', 'fitgate logins/s (peak)', 'peer logins/s (peak)', 'throughput ratio', 'fitgate CPU ms/login', 'peer CPU ms/login', 'CPU ratio', 'fitgate RSS', 'peer RSS'],
      result.runs.flatMap((run) => [
        [...peakCells(run, 'google-health', run), mib(run.memory.fitgateRssBytes), mib(run.memory.peerRssBytes)],
        [...peakCells(run, 'fitbit-legacy', run.legacy), '', ''],
      ]),
    ),
    '',
    "CPU is utime + stime of the server process (from /proc) divided by completed logins; the emulator's own CPU is reported apart in the JSON. " +
      'RSS is read once per store, after the latency and endpoint runs, of fitgate and the google-health peer.',
    '',
    '## By concurrency',
    '',
    ...table(LEVEL_HEADER, result.runs.flatMap((run) => levelRows(run.store, run))),
    '',
    '## Legacy upstream (fitbit-legacy): by concurrency',
    '',
    ...table(LEVEL_HEADER, result.runs.flatMap((run) => levelRows(run.store, run.legacy))),
    '',
    'The same levels with the Fitbit connection switched to the legacy Fitbit Web API, against a second peer signing in through it (bench/legacy_run.ts).',
    '',
    '## Store writes per login',
    '',
    ...table(
      ['store', 'writes per login', 'fsyncs per login', 'commands per login', 'detail (per login)'],
      result.runs.map((run) => {
        const writes = run.storeWrites;
        if (!writes) return [run.store, 'not counted', '', '', ''];
        const detail = Object.entries(writes.detail).map(([name, perLogin]) => `${name} ${perLogin}`).join(', ');
        return [run.store, String(writes.writesPerLogin), writes.fsyncsPerLogin === null ? "server's appendfsync" : String(writes.fsyncsPerLogin), writes.commandsPerLogin === undefined ? '' : String(writes.commandsPerLogin), detail];
      }),
    ),
    '',
    'Counted over complete logins of returning users on a fresh store (bench/store_writes.ts). Embedded: write transactions committed on fitgate.db (each an fsync) and fitgate-short-lived.db (none); log events commit in batches. Redis: commands of a private redis-server (INFO commandstats), writes as COMMAND INFO flags them.',
    '',
    '## Workers (FITGATE_WORKERS)',
    '',
    ...table(
      ['store', 'workers', 'users', 'logins/s, 1 worker', 'logins/s, N workers', 'throughput ratio', 'CPU ms/login, 1 worker', 'CPU ms/login, N workers', 'CPU ratio', 'nproc'],
      result.runs.map((run) => {
        const workers = run.workers;
        if (!workers) return [run.store, 'not run', '', '', '', '', '', '', '', String(machine.nproc)];
        return [
          run.store,
          String(workers.workers),
          String(workers.concurrency),
          String(workers.single.perSecond),
          String(workers.multiple.perSecond),
          `${workers.throughputRatio}×`,
          String(workers.single.cpuMsPerOp),
          String(workers.multiple.cpuMsPerOp),
          `${workers.cpuPerLoginRatio}×`,
          String(machine.nproc),
        ];
      }),
    ),
    '',
    'Same load on both: one fitgate process, then a fitgate with N workers on a fresh store. CPU is summed over the primary and every worker (each pid of the process tree, from /proc). Throughput can grow with workers only as far as free cores allow: the load driver, the emulator and the peer share this machine.',
    '',
    '## Each hop at 50 % and 70 % of peak (open loop) and at peak',
    '',
    ...table(
      ['store', 'load', 'hop', 'p50 ms', 'p95 ms', 'p99 ms'],
      result.runs.flatMap((run) => [
        ...hopRows(run, `50 % (${run.fitgate.atFiftyPercent.perSecond}/s)`, run.fitgate.atFiftyPercent),
        ...hopRows(run, `70 % (${run.fitgate.atSeventyPercent.perSecond}/s)`, run.fitgate.atSeventyPercent),
        ...hopRows(run, `peak (${run.fitgate.peak.perSecond}/s)`, run.fitgate.peak),
      ]),
    ),
    '',
    '## Endpoints alone',
    '',
    ...table(
      ['store', 'endpoint', 'requests/s', 'p50 ms', 'p95 ms', 'p99 ms', 'CPU ms/request', 'errors'],
      result.runs.flatMap((run) =>
        (
          [
            ['/authorize (a new visitor)', run.endpoints.authorize],
            ['/oauth/token (code exchange)', run.endpoints.codeExchange],
            ['/oauth/token (refresh)', run.endpoints.refresh],
            ['/userinfo', run.endpoints.userinfo],
          ] as const
        ).flatMap(([name, load]) => {
          if (load === undefined) return [];
          const hop = Object.values(load.hops)[0];
          return [[run.store, name, String(load.perSecond), String(hop?.p50 ?? 0), String(hop?.p95 ?? 0), String(hop?.p99 ?? 0), String(load.cpuMsPerOp), String(load.errors)]];
        }),
      ),
    ),
    '',
    '## Redis memory',
    '',
    ...table(
      ['store', 'bytes per session', 'sessions sampled', 'bytes per pending login', 'keys per pending login'],
      result.runs.flatMap((run) =>
        run.memory.redis
          ? [[run.store, String(run.memory.redis.bytesPerSession), String(run.memory.redis.sessionsSampled), String(run.memory.redis.bytesPerPendingLogin), String(run.memory.redis.keysPerPendingLogin)]]
          : [],
      ),
    ),
    '',
    '## How cost grows with the tenant',
    '',
    ...table(
      ['store', 'scenario', 'clients', 'users', 'generated sessions', 'logins/s', 'vs baseline', 'CPU ms/login', 'worst p99 ms', 'errors'],
      result.runs.flatMap((run) => {
        const baseline = run.scale[0]?.result.perSecond ?? 0;
        return run.scale.map((scenario) => [
          run.store,
          scenario.label,
          String(scenario.clients),
          String(scenario.users),
          String(scenario.generatedSessions),
          String(scenario.result.perSecond),
          baseline > 0 ? `${Math.round((scenario.result.perSecond / baseline) * 1000) / 10} %` : '',
          String(scenario.result.cpuMsPerOp),
          String(worstP99(scenario.result)),
          String(scenario.result.errors),
        ]);
      }),
    ),
    '',
    '## Targets (issues 7 and 13)',
    '',
    ...table(
      ['store', 'target', 'actual', 'result'],
      result.targets.map((target) => [target.store, target.description, target.actual, target.met ? 'met' : 'missed']),
    ),
    '',
  ];
  return lines.join('\n');
}

/** fitgate's peak next to the peer's in one upstream mode. */
function peakCells(run: StoreRun, upstream: string, comparison: PeerComparison): string[] {
  const { fitgate, peer, ratios } = comparison;
  return [
    run.store,
    upstream,
    `${fitgate.peak.perSecond} @ ${fitgate.peak.concurrency}`,
    `${peer.peak.perSecond} @ ${peer.peak.concurrency} (${run.peer.sessionStore} sessions)`,
    `${ratios.throughput}×`,
    String(fitgate.peak.cpuMsPerOp),
    String(peer.peak.cpuMsPerOp),
    `${ratios.cpuPerLogin}×`,
  ];
}

/** One row per level: fitgate and the peer side by side. */
function levelRows(store: string, { fitgate, peer }: Pick<PeerComparison, 'fitgate' | 'peer'>): string[][] {
  return fitgate.levels.map((level, index) => {
    const theirs = peer.levels[index];
    return [
      store,
      String(level.concurrency),
      String(level.perSecond),
      String(level.cpuMsPerOp),
      String(worstP99(level)),
      String(level.errors),
      String(theirs?.perSecond ?? ''),
      String(theirs?.cpuMsPerOp ?? ''),
      theirs ? String(worstP99(theirs)) : '',
      String(theirs?.errors ?? ''),
    ];
  });
}

function hopRows(run: StoreRun, load: string, result: LoadResult): string[][] {
  return Object.entries(result.hops).map(([hop, latency]) => [run.store, load, hop, String(latency.p50), String(latency.p95), String(latency.p99)]);
}

function table(header: readonly string[], rows: readonly string[][]): string[] {
  const cell = (text: string): string => text.replace(/\|/g, '\\|');
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)];
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}
