import { createClient } from 'redis';
import type { RedisStore } from '../src/store/redis/redis_store.js';
import { parseCompareOptions, type CompareOptions } from './compare_options.js';
import { compareInRounds, median, verdict } from './compare_rounds.js';
import { benchUserLogin, LEGACY_APP, prepareEmulator } from './emulator_setup.js';
import { setUpFitgate } from './fitgate_setup.js';
import { HttpClient } from './http_client.js';
import { round } from './latency.js';
import { ratioInterval } from './ratio_interval.js';
import { runProgram } from './options.js';
import { deleteUnder } from './redis_memory.js';
import { startEmulator, startFitgate, type RunningFitgate } from './servers.js';
import { fitgateContender, warmUp, type Contender } from './versus_peer.js';

/**
 * `npm run bench:compare -- --against DIR`: this build of fitgate against another one (a checkout
 * built before a change, say), against one emulator, in pairs of fresh processes, each pair measured
 * in alternating rounds. Prints each round, each pair's median ratio of CPU per login, and their
 * combined ratio with a 95 % interval and a verdict: how a change to the request path is judged here.
 *
 * Why pairs: two processes of one build differ by several percent for as long as they live, so the
 * rounds of one pair share that difference and cannot measure it away. Each pair starts in the
 * other order from the one before, warms up, runs its rounds and stops; the pairs' medians are
 * independent measurements, and the interval is theirs (ratio_interval.ts).
 */
async function main(argv: readonly string[]): Promise<void> {
  const options = parseCompareOptions(argv);
  const progress = (line: string): void => void process.stderr.write(`compare: ${line}\n`);
  const http = new HttpClient();
  const emulator = await startEmulator();
  const started: RunningFitgate[] = [];
  try {
    await prepareEmulator(http, emulator.url, options.emulatorUsers);
    const contender = async (serverScript?: string): Promise<{ fitgate: RunningFitgate; contender: Contender }> => {
      const fitgate = await startFitgate(options.store, emulator.url, options.redisUrl, serverScript === undefined ? {} : { serverScript });
      started.push(fitgate);
      const setup = await setUpFitgate(http, fitgate.url, emulator.url, fitgate.bootstrap);
      if (options.upstream === 'fitbit-legacy') await setup.useUpstream(LEGACY_APP);
      const target = { http, url: fitgate.url, application: setup.application };
      const measured = { serverPid: fitgate.process.pid, emulatorPid: emulator.process.pid };
      return { fitgate, contender: fitgateContender(target, measured, (sequence) => benchUserLogin(sequence % options.emulatorUsers)) };
    };
    const plan = { concurrency: options.users, durationMs: options.roundSeconds * 1000 };
    const pairMedians: number[] = [];
    const allRatios: number[] = [];
    for (let pair = 0; pair < options.pairs; pair++) {
      // Every other pair starts (and warms up) the other build first, so neither is always the older process.
      const oursFirst = pair % 2 === 0;
      const first = await contender(oursFirst ? undefined : options.againstServer);
      const second = await contender(oursFirst ? options.againstServer : undefined);
      const [ours, theirs] = oursFirst ? [first, second] : [second, first];
      progress(`pair ${pair + 1} of ${options.pairs}: warming up each build for ${options.warmupSeconds} s`);
      await warmUp([first.contender, second.contender], options.users, options.warmupSeconds);
      const rounds = await compareInRounds(ours.contender, theirs.contender, plan, options.rounds, (result, index) =>
        process.stdout.write(
          `pair ${pair + 1} round ${index + 1}: this build ${result.ours.cpuMsPerOp} ms/login at ${result.ours.perSecond}/s (${result.ours.errors} errors), ` +
            `the other ${result.theirs.cpuMsPerOp} ms/login at ${result.theirs.perSecond}/s (${result.theirs.errors} errors): other/this ${round(result.cpuRatio, 3)}\n`,
        ),
      );
      const ratios = rounds.map((result) => result.cpuRatio);
      const pairMedian = median(ratios);
      allRatios.push(...ratios);
      pairMedians.push(pairMedian);
      process.stdout.write(`pair ${pair + 1}: other/this ${round(pairMedian, 3)} (median of ${ratios.length} rounds)\n`);
      await ours.fitgate.stop();
      await theirs.fitgate.stop();
    }
    process.stdout.write(summary(options, pairMedians, allRatios));
  } finally {
    http.close();
    for (const fitgate of started) await fitgate.stop();
    await emulator.process.stop();
    if (options.store === 'redis') await deletePrefixes(options.redisUrl, started);
  }
}

function summary(options: CompareOptions, pairMedians: readonly number[], allRatios: readonly number[]): string {
  const [low, high] = [Math.min(...allRatios), Math.max(...allRatios)];
  const interval = ratioInterval(pairMedians);
  const estimate = interval?.estimate ?? median(pairMedians);
  return (
    `${options.store}, ${options.upstream}, ${options.users} users, ${options.pairs} pairs of ${options.rounds} rounds of ${options.roundSeconds} s: ` +
    `the other build's CPU per login is ${round(estimate, 3)}x this one's (` +
    (interval ? `95 % interval ${round(interval.low, 3)} to ${round(interval.high, 3)}; ` : '') +
    `pairs ${pairMedians.map((value) => round(value, 3)).join(', ')}; rounds ${round(low, 3)} to ${round(high, 3)})\n${verdict(interval)}\n`
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
