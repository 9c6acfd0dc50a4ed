import { resolve } from 'node:path';
import { symbols as pinoSymbols, type Logger } from 'pino';
import type { Config } from './config/index.js';
import { firstPasswordLogLine, formatFirstPasswordNotice, type FirstPasswordNotice } from './dashboard/account/first_password_notice.js';

/**
 * What the start and the stop say, and how: plain lines for a person who ran `npm start` in a
 * terminal; JSON log lines, like everything else on stdout, when stdout goes to a supervisor, a
 * container's log or a file, where a line of plain text breaks the log shipper's parsing. These
 * lines are written whatever LOG_LEVEL says (except silent): they are what tells a log that fitgate
 * started, where, and that it stopped.
 */
export interface StartOutput {
  listening(announcement: Announcement): void;
  /** The first admin's generated password, or only where it is kept: see firstPassword below. */
  firstPassword(notice: FirstPasswordNotice): void;
  stopping(signal: NodeJS.Signals): void;
  /** Why the process stops and exits 1 although nothing asked it to (the primary giving up on its workers). */
  gaveUp(reason: string): void;
  stopped(exitCode: number): void;
}

export interface Announcement {
  readonly port: number;
  readonly dashboardUrl: string;
  /** The first admin's email, when its password came from FITGATE_ADMIN_PASSWORD at this (first) start. */
  readonly adminFromEnvironment?: string | undefined;
}

export interface StartOutputOptions {
  /** process.stdout.isTTY: a person reads it. */
  readonly terminal: boolean;
}

export function startOutput(config: Pick<Config, 'env' | 'host' | 'tls' | 'redis' | 'dataDir'>, logger: Logger, { terminal }: StartOutputOptions): StartOutput {
  const announcer = alwaysAtInfo(logger);
  const store = config.redis ? 'Redis' : `embedded store in ${resolve(config.dataDir)}`;
  // Said only when it is https: the usual line stays as it always was.
  const protocol = config.tls ? 'https, ' : '';
  return {
    listening({ port, dashboardUrl, adminFromEnvironment }) {
      const where = `fitgate is listening on port ${port}${config.host ? ` at ${config.host}` : ''} (${protocol}${store})`;
      if (terminal) {
        const lines = [where, `Dashboard: ${dashboardUrl}`];
        if (adminFromEnvironment) lines.push(`Admin: ${adminFromEnvironment} (password from FITGATE_ADMIN_PASSWORD)`);
        return printAfterLogs(logger, lines.join('\n') + '\n');
      }
      const fields = {
        port,
        host: config.host,
        protocol: config.tls ? 'https' : 'http',
        store: config.redis ? 'redis' : 'embedded',
        ...(!config.redis && { dataDir: resolve(config.dataDir) }),
        dashboardUrl,
        ...(adminFromEnvironment && { admin: adminFromEnvironment }),
      };
      const admin = adminFromEnvironment ? `; admin ${adminFromEnvironment} (password from FITGATE_ADMIN_PASSWORD)` : '';
      announcer.info(fields, `${where}: dashboard at ${dashboardUrl}${admin}`);
    },

    /**
     * The password itself only to a person at a terminal outside production: anywhere else stdout is
     * kept by a log store, for its whole retention, for everyone who may read the logs. There, one
     * log line says where the 0600 file holding it is.
     */
    firstPassword(notice) {
      if (terminal && config.env !== 'production') return printAfterLogs(logger, formatFirstPasswordNotice(notice));
      const line = firstPasswordLogLine(notice);
      if (line.level === 'warn') logger.warn(line.fields, line.message);
      else announcer.info(line.fields, line.message);
    },

    stopping(signal) {
      const message = `fitgate received ${signal}: finishing requests in flight, then stopping`;
      if (terminal) printAfterLogs(logger, `${message}\n`);
      else announcer.info({ signal }, message);
    },

    /**
     * Fatal, as a crash is: a pipeline that keeps only errors and worse must see why an instance went
     * away, and the `fitgate stopped` line after it is at info. A person at a terminal reads it on
     * stderr, as a start that fails.
     */
    gaveUp(reason) {
      const message = `fitgate: ${reason}`;
      if (terminal) process.stderr.write(`${message}\n`);
      else logger.fatal({ reason }, `${message}; stopping, then exiting with code 1`);
    },

    stopped(exitCode) {
      announcer.info({ exitCode }, 'fitgate stopped');
    },
  };
}

/**
 * `logger`, or a child of it at info when its level is above: a LOG_LEVEL=warn operator still sees
 * that fitgate started and stopped. Silent stays silent.
 */
function alwaysAtInfo(logger: Logger): Logger {
  if (logger.isLevelEnabled('info') || logger.level === 'silent') return logger;
  return logger.child({}, { level: 'info' });
}

/**
 * Writes through the logger's own stream: its writes are asynchronous, so text written straight to
 * stdout would come out before log lines already queued.
 */
function printAfterLogs(logger: Logger, text: string): void {
  const stream = (logger as unknown as Record<symbol, { write?: (text: string) => unknown } | undefined>)[pinoSymbols.streamSym];
  if (typeof stream?.write === 'function') stream.write(text);
  else process.stdout.write(text);
}
