import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpClient } from './http_client.js';
import { describeMachine, oneMinuteLoad } from './machine.js';
import { parseOptions, runProgram, type BenchOptions } from './options.js';
import { prepareEmulator } from './emulator_setup.js';
import { renderMarkdown } from './report_markdown.js';
import { benchResultSchema, type BenchResult, type StoreRun } from './result_schema.js';
import { startEmulator } from './servers.js';
import { runStore } from './store_run.js';
import { judgeTargets } from './targets.js';

/**
 * `npm run bench`: fitgate (embedded store, then Redis) and the peer against one emulator, each a
 * separate process; writes <out>/latest.json and <out>/latest.md. Progress goes to stderr.
 */
async function main(argv: readonly string[]): Promise<void> {
  const options = parseOptions(argv);
  const startedAt = new Date().toISOString();
  const loadAtStart = oneMinuteLoad();
  const progress = (line: string): void => void process.stderr.write(`bench: ${line}\n`);
  const http = new HttpClient();
  const emulator = await startEmulator();
  const runs: StoreRun[] = [];
  try {
    await prepareEmulator(http, emulator.url, options.users);
    for (const store of options.stores) runs.push(await runStore(store, { options, http, emulator, progress }));
  } finally {
    http.close();
    await emulator.process.stop();
  }

  const result: BenchResult = benchResultSchema.parse({
    version: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    reducedLoad: isReduced(options),
    machine: describeMachine(loadAtStart),
    options: {
      levels: [...options.levels],
      durationSeconds: options.durationSeconds,
      warmupSeconds: options.warmupSeconds,
      users: options.users,
      scaleClients: options.scaleClients,
      baseUsers: options.baseUsers,
      scaleUsers: options.scaleUsers,
    },
    runs,
    targets: judgeTargets(runs),
  });
  mkdirSync(options.outDir, { recursive: true });
  writeFileSync(join(options.outDir, 'latest.json'), JSON.stringify(result, null, 2) + '\n');
  writeFileSync(join(options.outDir, 'latest.md'), renderMarkdown(result));
  progress(`wrote ${join(options.outDir, 'latest.json')} and latest.md`);
}

/** Anything below the sizes makes the numbers unfit to judge the targets by. */
function isReduced(options: BenchOptions): boolean {
  return options.durationSeconds < 10 || options.scaleClients < 10_000 || options.scaleUsers < 1_000_000 || options.stores.length < 2;
}

runProgram('bench', () => main(process.argv.slice(2)));
