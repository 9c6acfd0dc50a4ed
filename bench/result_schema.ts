import { z } from 'zod';

/**
 * The shape of bench/results/latest.json. Times in milliseconds, memory in bytes, rates per second.
 * The test of the benchmark parses its output with this schema.
 */

const count = z.number().int().nonnegative();
const amount = z.number().nonnegative();

export const latencySchema = z.strictObject({ count, p50: amount, p95: amount, p99: amount, max: amount });

export const loadResultSchema = z.strictObject({
  /** Virtual users. */
  concurrency: z.number().int().positive(),
  /** Open-loop arrival rate asked for; absent for closed-loop (peak) runs. */
  targetPerSecond: amount.optional(),
  seconds: z.number().positive(),
  completed: count,
  errors: count,
  errorSamples: z.array(z.string()),
  /** Completed operations (logins, or requests for one endpoint) per second. */
  perSecond: amount,
  /** CPU time (utime + stime) of the measured server process per completed operation. */
  cpuMsPerOp: amount,
  /** CPU time of the emulator per completed operation (the upstream's share, not the server's). */
  emulatorCpuMsPerOp: amount,
  rssBytes: count,
  hops: z.record(z.string(), latencySchema),
});

const scaleSchema = z.strictObject({
  label: z.string(),
  clients: count,
  users: count,
  generatedSessions: count,
  /** Seconds spent generating this scenario's records in the store. */
  generationSeconds: amount,
  result: loadResultSchema,
});

/** FITGATE_WORKERS=1 against FITGATE_WORKERS=N at the same load (bench/worker_runs.ts). */
export const workerRunSchema = z.strictObject({
  workers: z.number().int().min(2),
  /** Virtual users of both measurements. */
  concurrency: z.number().int().positive(),
  /** One process (FITGATE_WORKERS=1). */
  single: loadResultSchema,
  /** N workers; CPU and RSS summed over the primary and every worker. */
  multiple: loadResultSchema,
  /** N workers / 1 worker. */
  throughputRatio: amount,
  cpuPerLoginRatio: amount,
});

/** Every level measured, and the one with the most logins per second. */
const levelsSchema = z.strictObject({ levels: z.array(loadResultSchema).min(1), peak: loadResultSchema });

/**
 * fitgate and a peer both signing in through the legacy Fitbit Web API (the connection's
 * fitbit-legacy mode) at the same levels as the google-health run (bench/legacy_run.ts).
 */
export const legacyRunSchema = z.strictObject({
  fitgate: levelsSchema,
  peer: levelsSchema,
  /** fitgate / peer at each one's peak. */
  ratios: z.strictObject({ throughput: amount, cpuPerLogin: amount }),
});

export const storeRunSchema = z.strictObject({
  store: z.enum(['sqlite', 'redis']),
  fitgate: z.strictObject({
    levels: z.array(loadResultSchema).min(1),
    peak: loadResultSchema,
    /** Open loop at 70 % of the peak rate: issue 7's latency operating point. */
    atSeventyPercent: loadResultSchema,
    /** Open loop at 50 % of the peak rate: issue 13's latency operating point. */
    atFiftyPercent: loadResultSchema,
  }),
  peer: z.strictObject({
    sessionStore: z.enum(['memory', 'redis']),
    levels: z.array(loadResultSchema).min(1),
    peak: loadResultSchema,
  }),
  legacy: legacyRunSchema,
  endpoints: z.strictObject({
    /** The first hop of a login alone (runs before 2026-12-03 17:50Z did not measure it). */
    authorize: loadResultSchema.optional(),
    codeExchange: loadResultSchema,
    refresh: loadResultSchema,
    userinfo: loadResultSchema,
  }),
  memory: z.strictObject({
    fitgateRssBytes: count,
    peerRssBytes: count,
    redis: z
      .strictObject({
        bytesPerSession: count,
        sessionsSampled: count,
        bytesPerPendingLogin: count,
        pendingLoginsSampled: count,
        keysPerPendingLogin: amount,
      })
      .nullable(),
  }),
  scale: z.array(scaleSchema).length(3),
  /**
   * Store writes per complete login, counted (bench/store_writes.ts). Embedded: committed write
   * transactions on both files, fsyncs = those on fitgate.db, detail per file. Redis: write commands
   * (COMMAND INFO flags) among all commands, detail per command, fsyncs null (the server's
   * appendfsync decides). Null when they could not be counted (no redis-server to run privately).
   */
  storeWrites: z
    .strictObject({
      logins: count,
      writesPerLogin: amount,
      fsyncsPerLogin: amount.nullable(),
      commandsPerLogin: amount.optional(),
      detail: z.record(z.string(), amount),
    })
    .nullable(),
  /** Null when no worker run was asked for (--workers, default nproc; not with --quick). */
  workers: workerRunSchema.nullable(),
  /** fitgate / peer at each one's peak. */
  ratios: z.strictObject({ throughput: amount, cpuPerLogin: amount, rss: amount }),
});

export const targetSchema = z.strictObject({
  id: z.string(),
  store: z.enum(['sqlite', 'redis']),
  description: z.string(),
  actual: z.string(),
  met: z.boolean(),
});

export const benchResultSchema = z.strictObject({
  version: z.literal(1),
  startedAt: z.iso.datetime(),
  finishedAt: z.iso.datetime(),
  /** True for --quick and other reduced runs: the numbers mean nothing. */
  reducedLoad: z.boolean(),
  machine: z.strictObject({
    nproc: z.number().int().positive(),
    cpuModel: z.string(),
    memoryBytes: count,
    node: z.string(),
    platform: z.string(),
    /** One-minute load average when the run started and ended; above nproc, other work competed for the CPU. */
    loadAverage: z.strictObject({ atStart: amount, atEnd: amount }),
  }),
  options: z.strictObject({
    levels: z.array(z.number().int().positive()),
    durationSeconds: z.number().positive(),
    warmupSeconds: amount,
    users: z.number().int().positive(),
    scaleClients: z.number().int().positive(),
    baseUsers: z.number().int().positive(),
    scaleUsers: z.number().int().positive(),
  }),
  runs: z.array(storeRunSchema).min(1),
  targets: z.array(targetSchema).min(1),
});

export type Latency = z.infer<typeof latencySchema>;
export type LoadResult = z.infer<typeof loadResultSchema>;
export type StoreRun = z.infer<typeof storeRunSchema>;
/** fitgate against the peer in one upstream mode: a StoreRun has this shape too (google-health). */
export type PeerComparison = z.infer<typeof legacyRunSchema>;
export type Target = z.infer<typeof targetSchema>;
export type WorkerRun = z.infer<typeof workerRunSchema>;
export type BenchResult = z.infer<typeof benchResultSchema>;
