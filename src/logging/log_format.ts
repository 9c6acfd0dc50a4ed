import type { DestinationStream } from 'pino';
import type { Config } from '../config/index.js';
import { prettyLine } from './pretty_line.js';

export type LogFormat = 'json' | 'pretty';

/** How this process writes to stdout: its log lines, and whether the start says its plain lines. */
export interface StdoutStyle {
  readonly logFormat: LogFormat;
  /**
   * The start banner as plain lines (start_output.ts's `terminal`): only where a person reads the
   * log lines around it too. LOG_FORMAT=json keeps stdout all JSON even on a terminal, and
   * LOG_FORMAT=pretty on a pipe is still no terminal, so the first admin's password is never
   * printed into a file or a log store.
   */
  readonly plainStartLines: boolean;
}

/**
 * LOG_FORMAT as set, else pretty on a terminal outside production (`npm start`) and JSON anywhere
 * else: a supervisor, a container's log or a file, where a log shipper parses every line; and in
 * production even on a terminal, since a container run with one (`docker run -t`, compose's
 * `tty: true`) still ships its stdout to a log store.
 */
export function stdoutStyle(config: Pick<Config, 'logFormat' | 'env'>, terminal: boolean): StdoutStyle {
  const logFormat = config.logFormat ?? (terminal && config.env !== 'production' ? 'pretty' : 'json');
  return { logFormat, plainStartLines: terminal && logFormat === 'pretty' };
}

/**
 * pino's JSON lines, each rewritten by prettyLine on its way to `out` (stdout), in the order they
 * were logged: the plain start banner goes through this same stream (start_output.ts), after the
 * lines logged before it. A write to a terminal is synchronous on Linux and macOS, so nothing waits
 * in a buffer when the process exits.
 */
export function prettyDestination(out: { write(text: string): unknown }): DestinationStream {
  return { write: (text: string) => void out.write(prettyLine(text)) };
}
