import type { ResealReport } from './reseal.js';

/**
 * What `npm run admin -- reseal` prints at the end, for the operator: what was done and, above all,
 * whether the older master keys may now be removed.
 */
export function resealReportLines(report: ResealReport, configuredKeyIds: readonly string[]): string[] {
  const passes = report.passes === 1 ? '1 pass' : `${report.passes} passes`;
  const lines = [
    `Done in ${passes}${report.resumed ? ' (continuing an interrupted run)' : ''}: ${report.examined} records examined, ` +
      `${report.resealed} re-sealed (${report.values} values).`,
  ];
  const { tenants, connections, users } = report.forgotten;
  if (connections.length > 0) {
    lines.push(`Client secrets sealed under a lost key were removed; re-enter them (dashboard, Social) for: ${connections.join(', ')}.`);
  }
  if (tenants.length > 0) {
    lines.push(`Signing keys sealed under a lost key were removed (a new one generated where none was left) in: ${tenants.join(', ')}.`);
  }
  if (users > 0) {
    lines.push(`${users} users had upstream tokens sealed under a lost key: now "needs reauthorization"; each must log in again.`);
  }
  for (const record of report.unreadable) {
    lines.push(`Cannot open a sealed value of ${record} (altered or corrupt): left as it is.`);
  }
  const remaining = Object.entries(report.remaining);
  if (remaining.length > 0) {
    const still = remaining.map(([keyId, values]) => `${values} under key id ${keyId}`).join(', ');
    lines.push(
      `Not finished: ${still} still. Values were written meanwhile from a copy read before the re-seal, or cannot be opened; ` +
        'run `npm run admin -- reseal` again, and keep every older key in FITGATE_MASTER_KEY until it says they may be removed.',
    );
    return lines;
  }
  const older = configuredKeyIds.filter((keyId) => keyId !== report.targetKeyId);
  lines.push(`Every sealed value is now under key id ${report.targetKeyId}, the first key of FITGATE_MASTER_KEY.`);
  lines.push(
    older.length > 0
      ? `The older key${older.length === 1 ? '' : 's'} (key id ${older.join(', ')}) may now be removed from FITGATE_MASTER_KEY: ` +
          'restart every instance with the new key alone.'
      : 'No older key is configured: nothing to remove.',
  );
  return lines;
}
