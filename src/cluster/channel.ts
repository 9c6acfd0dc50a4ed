import type { Protocol } from './messages.js';

/** One end of a process's IPC channel: a cluster Worker in the primary, `process` in a worker. */
export interface IpcEndpoint {
  /**
   * Node's `send`: with a callback, a channel that closed is reported to it; without one it is an
   * 'error' event, which nothing handles on a Worker, so it would stop the whole primary.
   */
  send(message: unknown, callback: (error: Error | null) => void): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

interface Envelope {
  readonly fitgate: 'ask' | 'answer';
  readonly id: number;
  readonly kind?: string;
  readonly body?: unknown;
  readonly failure?: string;
}

export type Handlers<Theirs extends Protocol> = {
  [Kind in keyof Theirs]?: (body: Theirs[Kind]['request']) => Promise<Theirs[Kind]['reply']>;
};

/**
 * Questions and answers over the IPC channel between the primary and one worker. `Mine` is what
 * this end asks, `Theirs` what it answers. Every question has a bound: the other process may be
 * busy, stopping or gone, and nobody waits for it forever.
 */
export class Channel<Mine extends Protocol, Theirs extends Protocol> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(body: unknown): void; reject(error: Error): void; timer: NodeJS.Timeout }>();
  private readonly handlers: Handlers<Theirs> = {};
  private readonly receive = (message: unknown) => this.onMessage(message);

  constructor(private readonly endpoint: IpcEndpoint) {
    endpoint.on('message', this.receive);
  }

  answer<Kind extends keyof Theirs & string>(kind: Kind, handler: NonNullable<Handlers<Theirs>[Kind]>): void {
    this.handlers[kind] = handler;
  }

  ask<Kind extends keyof Mine & string>(kind: Kind, body: Mine[Kind]['request'], timeoutMs: number): Promise<Mine[Kind]['reply']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.settle(id, new Error(`no answer to "${kind}" within ${timeoutMs} ms`)), timeoutMs);
      this.pending.set(id, { resolve: resolve as (body: unknown) => void, reject, timer });
      this.send({ fitgate: 'ask', id, kind, body }, () => this.settle(id, new Error('the other process is gone')));
    });
  }

  /** Stops listening; questions still waiting fail at once. */
  close(): void {
    this.endpoint.off('message', this.receive);
    for (const id of [...this.pending.keys()]) this.settle(id, new Error('the other process is gone'));
  }

  private onMessage(message: unknown): void {
    if (!isEnvelope(message)) return;
    if (message.fitgate === 'answer') {
      this.settle(message.id, message.failure === undefined ? { body: message.body } : new Error(message.failure));
      return;
    }
    const handler = this.handlers[message.kind ?? ''];
    const answered = handler ? handler(message.body as never) : Promise.reject(new Error(`nothing answers "${message.kind}" yet`));
    answered.then(
      (body) => this.send({ fitgate: 'answer', id: message.id, body: body ?? null }),
      (error: unknown) => this.send({ fitgate: 'answer', id: message.id, failure: error instanceof Error ? error.message : String(error) }),
    );
  }

  private settle(id: number, outcome: { body: unknown } | Error): void {
    const waiting = this.pending.get(id);
    if (!waiting) return;
    this.pending.delete(id);
    clearTimeout(waiting.timer);
    if (outcome instanceof Error) waiting.reject(outcome);
    else waiting.resolve(outcome.body);
  }

  /**
   * A channel closes when the other process dies, a moment before its exit is known here (a worker
   * killed while the primary asks it for its metrics): a question to it fails at once; an answer
   * to it is dropped, as nobody waits for it any more.
   */
  private send(envelope: Envelope, onClosed: () => void = () => undefined): void {
    try {
      this.endpoint.send(envelope, (error) => {
        if (error) onClosed();
      });
    } catch {
      onClosed();
    }
  }
}

function isEnvelope(message: unknown): message is Envelope {
  if (typeof message !== 'object' || message === null) return false;
  const { fitgate, id } = message as Partial<Envelope>;
  return (fitgate === 'ask' || fitgate === 'answer') && typeof id === 'number';
}
