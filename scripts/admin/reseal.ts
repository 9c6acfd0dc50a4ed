import { configFromProcess } from '../../src/config/index.js';
import { reseal, type ResealProgress } from '../../src/domain/reseal.js';
import { resealReportLines } from '../../src/domain/reseal_report.js';
import { openStore } from '../../src/store/open_store.js';
import { createSealer } from '../../src/store/sealing.js';

/** How often a long walk says how far it got. */
const PROGRESS_EVERY_MS = 2000;

/**
 * `npm run admin -- reseal [--batch N]`: re-seals every sealed value under the first key of
 * FITGATE_MASTER_KEY, on the store fitgate is configured for, while fitgate keeps running. The work
 * is src/domain/reseal.ts; this only wires configuration, store and output. Exit code 0 when the
 * older keys may be removed, 1 otherwise.
 */
export async function run(args: string[]): Promise<number> {
  const batchSize = batchOption(args);
  const config = configFromProcess();
  const sealer = createSealer(config.masterKeys);
  const store = await openStore(config);
  try {
    process.stdout.write(`Re-sealing every sealed value under key id ${sealer.keyIds[0]} (the first key of FITGATE_MASTER_KEY)...\n`);
    let lastPrinted = Date.now();
    const onBatch = (progress: ResealProgress) => {
      if (Date.now() - lastPrinted < PROGRESS_EVERY_MS) return;
      lastPrinted = Date.now();
      process.stdout.write(`  pass ${progress.pass}, ${progress.kind}s: ${progress.examined} examined, ${progress.resealed} re-sealed\n`);
    };
    const report = await reseal({ records: store.sealedRecords, sealer, ephemeral: store.ephemeral, batchSize, onBatch });
    process.stdout.write(resealReportLines(report, sealer.keyIds).join('\n') + '\n');
    return Object.keys(report.remaining).length === 0 ? 0 : 1;
  } finally {
    await store.close();
  }
}

function batchOption(args: string[]): number | undefined {
  const index = args.indexOf('--batch');
  if (index < 0) return undefined;
  const value = Number(args[index + 1]);
  if (!Number.isInteger(value) || value < 1 || value > 10_000) throw new Error('--batch takes a whole number from 1 to 10000');
  return value;
}
