import { configFromProcess, ConfigError, type Config } from '../../src/config/index.js';
import { MissingMasterKeyError, reseal, type ResealProgress } from '../../src/domain/reseal.js';
import { resealReportLines } from '../../src/domain/reseal_report.js';
import { openStore } from '../../src/store/open_store.js';
import { createSealer } from '../../src/store/sealing.js';
import { AdminCommandError, type AdminCommand } from './admin_command.js';

/** How often a long walk says how far it got. */
const PROGRESS_EVERY_MS = 2000;

/**
 * `npm run admin -- reseal [--batch N]`: re-seals every sealed value under the first key of
 * FITGATE_MASTER_KEY, on the store fitgate is configured for, while fitgate keeps running. The work
 * is src/domain/reseal.ts; this only wires configuration, store and output. Exit code 0 when the
 * older keys may be removed, 1 otherwise.
 */
export const command: AdminCommand = {
  args: '[--batch N]',
  summary: 're-seal every sealed value under the first key of FITGATE_MASTER_KEY (master key rotation)',
  async run(args, io) {
    const batchSize = batchOption(args);
    const config = readConfig();
    const sealer = createSealer(config.masterKeys);
    const store = await openStore(config).catch((error: unknown) => {
      throw new AdminCommandError(`cannot open the store: ${(error as Error).message}`);
    });
    try {
      io.out(`Re-sealing every sealed value under key id ${sealer.keyIds[0]} (the first key of FITGATE_MASTER_KEY)...`);
      let lastPrinted = Date.now();
      const onBatch = (progress: ResealProgress) => {
        if (Date.now() - lastPrinted < PROGRESS_EVERY_MS) return;
        lastPrinted = Date.now();
        io.out(`  pass ${progress.pass}, ${progress.kind}s: ${progress.examined} examined, ${progress.resealed} re-sealed`);
      };
      const report = await reseal({ records: store.sealedRecords, sealer, ephemeral: store.ephemeral, batchSize, onBatch }).catch(
        (error: unknown) => {
          throw error instanceof MissingMasterKeyError ? new AdminCommandError(error.message) : error;
        },
      );
      for (const line of resealReportLines(report, sealer.keyIds)) io.out(line);
      return Object.keys(report.remaining).length === 0 ? 0 : 1;
    } finally {
      await store.close();
    }
  },
};

function batchOption(args: readonly string[]): number | undefined {
  if (args.length === 0) return undefined;
  if (args.length !== 2 || args[0] !== '--batch') throw new AdminCommandError('usage: npm run admin -- reseal [--batch N]', 2);
  const value = Number(args[1]);
  if (!Number.isInteger(value) || value < 1 || value > 10_000) throw new AdminCommandError('--batch takes a whole number from 1 to 10000', 2);
  return value;
}

function readConfig(): Config {
  try {
    return configFromProcess();
  } catch (error) {
    if (error instanceof ConfigError) throw new AdminCommandError(`configuration error: ${error.message}`);
    throw error;
  }
}
