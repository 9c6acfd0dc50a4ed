import { join, resolve } from 'node:path';
import type { Config } from '../../src/config/index.js';
import { masterKeyIds } from '../../src/store/sealing.js';
import { BackupRefusedError, backupDatabase, type BackupReport } from '../../src/store/sqlite/backup.js';
import { AdminCommandError, readAdminConfig, type AdminCommand, type AdminIo } from './admin_command.js';

/**
 * `npm run admin -- backup FILE`: a consistent copy of fitgate.db, taken while fitgate serves
 * (src/store/sqlite/backup.ts says how and why not `cp`). The copy is useless without the master key
 * that sealed its secrets, which is not in it, so the output says which key ids it needs and where
 * this installation keeps them. On Redis there is nothing for fitgate to copy: Redis's own
 * persistence is the backup, and the command says what to keep instead of pretending.
 */
export const command: AdminCommand = {
  args: 'FILE',
  summary: "copy the embedded store's fitgate.db to FILE while fitgate runs (never overwrites)",
  async run(args, io) {
    const [destination, ...extra] = args;
    if (!destination || extra.length > 0) throw new AdminCommandError('usage: npm run admin -- backup FILE', 2);

    const config = readAdminConfig();
    if (config.redis) {
      redisIsYours(config, io);
      return 1;
    }
    let report: BackupReport;
    try {
      report = backupDatabase(config.dataDir, fromShellDirectory(destination));
    } catch (error) {
      if (error instanceof BackupRefusedError) throw new AdminCommandError(error.message);
      throw error;
    }
    describeBackup(report, config, io);
    return 0;
  },
};

function describeBackup(report: BackupReport, config: Config, io: AdminIo): void {
  const { tenants, clients, connections, users, admins } = report.counts;
  io.out(`Backed up ${report.source} to ${report.destination} (${sizeOf(report.bytes)}; it opens and passes SQLite's quick_check).`);
  io.out(
    `It holds ${plural(tenants, 'tenant')}, ${plural(clients, 'application')}, ${plural(connections, 'connection')}, ` +
      `${plural(users, 'user')} and ${plural(admins, 'dashboard admin')} (schema version ${report.schemaVersion}).`,
  );
  if (report.ticketsLeftOut > 0) {
    io.out(
      `It leaves out ${plural(report.ticketsLeftOut, 'pending set-password link')}: they stay valid on this fitgate, ` +
        'and after a restore an admin still without a password needs a new link.',
    );
  }

  const configured = masterKeyIds(config.masterKeys);
  const needed = report.keyIds.length > 0 ? `key id${report.keyIds.length > 1 ? 's' : ''} ${report.keyIds.join(', ')}` : 'the master key';
  io.out(
    `Keep the master key too, stored apart from this backup: its sealed secrets (signing keys, connections' client secrets, ` +
      `upstream tokens) need ${needed}, and nothing can read them without it.`,
  );
  if (config.secretsFrom.masterKeys === 'environment') {
    io.out('  This fitgate takes its keys from FITGATE_MASTER_KEY: keep that value.');
  } else {
    io.out(`  This fitgate keeps its key in ${join(config.dataDir, 'master.key')}: keep a copy of that file.`);
  }
  const missing = report.keyIds.filter((id) => !configured.includes(id));
  if (missing.length > 0) io.out(`  The configured keys lack ${missing.join(', ')}: find ${missing.length > 1 ? 'those keys' : 'that key'} too.`);
  const sessionSecret = config.secretsFrom.sessionSecrets === 'environment' ? 'FITGATE_SESSION_SECRETS' : join(config.dataDir, 'session.secret');
  io.out(`Keep ${sessionSecret} too: it seals nothing at rest, but without it everyone signs in again after a restore.`);
  io.out('To restore: stop fitgate, remove fitgate.db-wal and fitgate.db-shm, put this file in place as fitgate.db, start (docs/operations.md#backup-and-restore).');
}

/**
 * FILE as the operator meant it: relative to the shell's directory. `npm run` starts scripts in the
 * package's root and says where it was called from in INIT_CWD; run directly, the process's own.
 */
function fromShellDirectory(file: string): string {
  return resolve(process.env.INIT_CWD || process.cwd(), file);
}

function redisIsYours(config: Config, io: AdminIo): void {
  const prefix = config.redis?.prefix ?? 'fitgate:';
  io.err('fitgate admin: backup copies the embedded store (fitgate.db); this fitgate keeps everything in Redis (REDIS_URL), and backing Redis up is yours to run:');
  io.err(`  - fitgate's data is every key whose name starts with "${prefix}" (FITGATE_REDIS_PREFIX) in the database REDIS_URL names;`);
  io.err("  - back up Redis itself: an RDB snapshot (BGSAVE, then copy dump.rdb), its AOF files, or your managed service's snapshots;");
  io.err('  - keep FITGATE_MASTER_KEY with that backup, stored apart from it: the sealed secrets in it cannot be read without it.');
  io.err('See docs/operations.md#backup-and-restore.');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function sizeOf(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} kB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
