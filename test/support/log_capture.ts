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
