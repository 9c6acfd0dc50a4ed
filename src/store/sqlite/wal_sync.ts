import { closeSync, fdatasync, openSync } from 'node:fs';

/**
 * fsyncs fitgate.db's WAL file on libuv's thread pool, so that making a commit durable does not
 * stop the event loop. At synchronous=FULL SQLite fsyncs inside COMMIT, on the calling thread: half
 * a millisecond and more in which no other request moves. The group commit (group_commit.ts)
 * instead commits at synchronous=NORMAL, which writes the transaction's frames to the WAL file
 * without syncing it, and tells nobody of its writes until sync() has resolved.
 *
 * That keeps FULL's promise, acknowledged means on disk: once fdatasync returns, every frame
 * written before it began is on disk, so every acknowledged commit is. A power cut before that
 * loses only commits nobody was told about. It cannot corrupt the file: on recovery SQLite replays
 * only frames whose salts and checksums match the WAL header, which is how NORMAL is always safe.
 *
 * One sync covers every commit made before it began, so commits that arrive while one runs share
 * the next: under load there are fewer fsyncs than commits.
 */
export class WalSync {
  /** fsyncs started since the file was opened, for the benchmark's fsyncs per login. */
  syncs = 0;
  private running: Promise<void> | undefined;
  private next: Promise<void> | undefined;

  private constructor(private readonly fd: number) {}

  /**
   * Opens the WAL file beside an open database. SQLite keeps it as long as one connection to the
   * database is open, so the handle stays valid until close(), which comes before the database's.
   */
  static open(walPath: string): WalSync {
    return new WalSync(openSync(walPath, 'r+'));
  }

  /** Resolves once everything written to the WAL before this call is on disk. */
  sync(): Promise<void> {
    if (this.running === undefined) return (this.running = this.start());
    // The sync running now may have begun before the caller's commit; the next one cannot have.
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = undefined;
        return (this.running = this.start());
      });
    return this.next;
  }

  /** Waits for the syncs asked for so far, then closes the file. */
  async close(): Promise<void> {
    while (this.running !== undefined || this.next !== undefined) {
      await (this.next ?? this.running)?.catch(() => undefined);
    }
    closeSync(this.fd);
  }

  private start(): Promise<void> {
    this.syncs += 1;
    const done = new Promise<void>((resolve, reject) => fdatasync(this.fd, (error) => (error ? reject(error) : resolve()))).finally(() => {
      if (this.running === done) this.running = undefined;
    });
    return done;
  }
}
