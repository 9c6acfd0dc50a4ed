/**
 * Runs tasks one at a time per key, in the order they were queued; tasks under different keys run
 * side by side. A task that fails hands the turn on like one that succeeds (its caller gets the
 * error). A key is forgotten once its last task has settled, so the queue holds only keys with work
 * in flight, however many keys pass through it.
 */
export class KeyedQueue {
  /** Per key, the promise that settles when the last task queued under it has. */
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key);
    // An idle key starts its task at once: the uncontended case costs no extra turn of the event loop.
    const result = previous ? previous.then(task) : start(task);
    const tail: Promise<void> = result.then(
      () => this.release(key, tail),
      () => this.release(key, tail),
    );
    this.tails.set(key, tail);
    return result;
  }

  /** Keys with a task running or waiting. */
  get size(): number {
    return this.tails.size;
  }

  private release(key: string, tail: Promise<void>): void {
    // A later task queued behind this one owns the key now; it forgets the key when it settles.
    if (this.tails.get(key) === tail) this.tails.delete(key);
  }
}

/** Calls `task` now; a synchronous throw becomes the rejection, as it would inside `then`. */
async function start<T>(task: () => Promise<T>): Promise<T> {
  return task();
}
