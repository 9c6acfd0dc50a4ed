import { Writable } from 'node:stream';

/** A pino destination that keeps every line the app logs, for asserting what reached the log. */
export function captureLogLines(): { lines: string[]; destination: Writable } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, destination };
}

/** One JSON line of pino's, as the tests read it. */
export interface LogLine {
  level: number;
  msg: string;
  event?: string;
  [field: string]: unknown;
}

/** pino's level number for warn. */
export const WARN = 40;

/** The captured lines that carry `event` (the security lines: event names what happened). */
export function linesWithEvent(lines: readonly string[], event: string): LogLine[] {
  return lines.map((line) => JSON.parse(line) as LogLine).filter((line) => line.event === event);
}
