import { createClient } from 'redis';
import type { RedisStore } from '../src/store/redis/redis_store.js';
import { parseCompareOptions, type CompareOptions } from './compare_options.js';
import { compareInRounds, median, verdict } from './compare_rounds.js';
import { medianInterval } from './median_interval.js';
import { benchUserLogin, LEGACY_APP, prepareEmulator } from './emulator_setup.js';
import { setUpFitgate } from './fitgate_setup.js';
import { HttpClient } from './http_client.js';
import { round } from './latency.js';
import { runProgram } from './options.js';
import { deleteUnder } from './redis_memory.js';
import { startEmulator, startFitgate, type RunningFitgate } from './servers.js';
import { fitgateContender, warmUp, type Contender } from './versus_peer.js';

/**
 * `npm run bench:compare -- --against DIR`: this build of fitgate against another one (a checkout
 * built before a change, say), side by side against one emulator, in alternating rounds. Prints
 * each round and the median of the rounds' CPU-per-login ratios, which is how a change to the
 * request path is judged here: a single run of each moves by 10 % and more on a shared machine.
 */
async function main(argv: readonly string[]): Promise<void> {
  const options = parseCompareOptions(argv);
  const progress = (line: string): void => void process.stderr.write(`compare: ${line}\n`);
  const http = new HttpClient();
  const emulator = await startEmulator();
  const started: RunningFitgate[] = [];
  try {
    await prepareEmulator(http, emulator.url, options.emulatorUsers);
    const contender = async (serverScript?: string): Promise<Contender> => {
      const fitgate = await startFitgate(options.store, emulator.url, options.redisUrl, serverScript === undefined ? {} : { serverScript });
      started.push(fitgate);
      const setup = await setUpFitgate(http, fitgate.url, emulator.url, fitgate.bootstrap);
      if (options.upstream === 'fitbit-legacy') await setup.useUpstream(LEGACY_APP);
      const target = { http, url: fitgate.url, application: setup.application };
      return fitgateContender(target, { serverPid: fitgate.process.pid, emulatorPid: emulator.process.pid }, (sequence) =>
        benchUserLogin(sequence % options.emulatorUsers),
      );
    };
    const ours = await contender();
    const theirs = await contender(options.againstServer);

    progress(`warming up each build for ${options.warmupSeconds} s`);
    await warmUp([ours, theirs], options.users, options.warmupSeconds);
    const plan = { concurrency: options.users, durationMs: options.roundSeconds * 1000 };
    const rounds = await compareInRounds(ours, theirs, plan, options.rounds, (result, index) =>
      process.stdout.write(
        `round ${index + 1}: this build ${result.ours.cpuMsPerOp} ms/login at ${result.ours.perSecond}/s (${result.ours.errors} errors), ` +
          `the other ${result.theirs.cpuMsPerOp} ms/login at ${result.theirs.perSecond}/s (${result.theirs.errors} errors): other/this ${round(result.cpuRatio, 3)}\n`,
      ),
    );
    process.stdout.write(summary(options, rounds.map((result) => result.cpuRatio)));
  } finally {
    http.close();
    for (const fitgate of started) await fitgate.stop();
    await emulator.process.stop();
    if (options.store === 'redis') await deletePrefixes(options.redisUrl, started);
  }
}

function summary(options: CompareOptions, ratios: readonly number[]): string {
  const [low, high] = [Math.min(...ratios), Math.max(...ratios)];
  const interval = medianInterval(ratios);
  return (
    `${options.store}, ${options.upstream}, ${options.users} users, ${ratios.length} rounds of ${options.roundSeconds} s: ` +
    `the other build's CPU per login is ${round(median(ratios), 3)}x this one's (median; ` +
    (interval ? `95 % interval ${round(interval.low, 3)} to ${round(interval.high, 3)}; ` : '') +
    `rounds ${round(low, 3)} to ${round(high, 3)})\n${verdict(interval)}\n`
  );
}

async function deletePrefixes(redisUrl: string, fitgates: readonly RunningFitgate[]): Promise<void> {
  const client = createClient({ url: redisUrl });
  client.on('error', () => undefined);
  await client.connect();
  try {
    for (const fitgate of fitgates) if (fitgate.config.redis) await deleteUnder(client as unknown as RedisStore['client'], fitgate.config.redis.prefix);
  } finally {
    client.destroy();
  }
}

runProgram('bench:compare', () => main(process.argv.slice(2)));
