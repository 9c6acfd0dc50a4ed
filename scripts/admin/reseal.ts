import { MissingMasterKeyError, reseal, type ResealProgress } from '../../src/domain/reseal.js';
import { resealReportLines } from '../../src/domain/reseal_report.js';
import { createSealer } from '../../src/store/sealing.js';
import { AdminCommandError, openExistingStore, readAdminConfig, type AdminCommand } from './admin_command.js';

/** How often a long walk says how far it got. */
const PROGRESS_EVERY_MS = 2000;

/**
 * `npm run admin -- reseal [--batch N]`: re-seals every sealed value under the first key of
 * FITGATE_MASTER_KEY, on the store fitgate is configured for, while fitgate keeps running. The work
 * is src/domain/reseal.ts; this only wires configuration, store and output. Exit code 0 when the
 * older keys may be removed, 1 otherwise. `--forget-lost`, when a key is lost for good, drops what
 * is sealed under keys no longer configured (and says what to re-enter, who must log in again).
 */
export const command: AdminCommand = {
  args: '[--batch N] [--forget-lost]',
  summary: 're-seal every sealed value under the first key of FITGATE_MASTER_KEY (master key rotation)',
  async run(args, io) {
    const { batchSize, forgetLost } = options(args);
    const config = readAdminConfig();
    const sealer = createSealer(config.masterKeys);
    const store = await openExistingStore(config);
    try {
      io.out(`Re-sealing every sealed value under key id ${sealer.keyIds[0]} (the first key of FITGATE_MASTER_KEY)...`);
      let lastPrinted = Date.now();
      const onBatch = (progress: ResealProgress) => {
        if (Date.now() - lastPrinted < PROGRESS_EVERY_MS) return;
        lastPrinted = Date.now();
        io.out(`  pass ${progress.pass}, ${progress.kind}s: ${progress.examined} examined, ${progress.resealed} re-sealed`);
      };
      const report = await reseal({ records: store.sealedRecords, users: store.users, sealer, ephemeral: store.ephemeral, batchSize, onBatch, forgetLost }).catch(
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

const USAGE = 'usage: npm run admin -- reseal [--batch N] [--forget-lost]';

function options(args: readonly string[]): { batchSize: number | undefined; forgetLost: boolean } {
  let batchSize: number | undefined;
  let forgetLost = false;
  for (let index = 0; index < args.length; index += 1) {
    if (args[index] === '--forget-lost') {
      forgetLost = true;
    } else if (args[index] === '--batch' && batchSize === undefined) {
      batchSize = Number(args[(index += 1)]);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) throw new AdminCommandError('--batch takes a whole number from 1 to 10000', 2);
    } else {
      throw new AdminCommandError(USAGE, 2);
    }
  }
  return { batchSize, forgetLost };
}
