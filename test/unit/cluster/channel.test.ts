import { EventEmitter } from 'node:events';
import { describe, expect, it } from '@jest/globals';
import { Channel, type IpcEndpoint } from '../../../src/cluster/channel.js';

type Questions = { double: { request: { n: number }; reply: { n: number } }; silent: { request: null; reply: null } };

/** Two ends of an in-memory channel; messages go through a JSON round trip, as over IPC. */
function pair(): [IpcEndpoint, IpcEndpoint] {
  const left = new EventEmitter();
  const right = new EventEmitter();
  const end = (self: EventEmitter, other: EventEmitter): IpcEndpoint => ({
    send: (message, callback) =>
      setImmediate(() => {
        other.emit('message', JSON.parse(JSON.stringify(message)));
        callback(null);
      }),
    on: (event, listener) => self.on(event, listener),
    off: (event, listener) => self.off(event, listener),
  });
  return [end(left, right), end(right, left)];
}

describe('questions over the IPC channel', () => {
  it('gets the answer of the handler on the other end', async () => {
    const [primary, worker] = pair();
    const asking = new Channel<Questions, Questions>(worker);
    new Channel<Questions, Questions>(primary).answer('double', async ({ n }) => ({ n: n * 2 }));
    await expect(asking.ask('double', { n: 21 }, 1000)).resolves.toEqual({ n: 42 });
  });

  it('fails a question nothing answers yet, or whose handler fails, with the reason', async () => {
    const [primary, worker] = pair();
    const asking = new Channel<Questions, Questions>(worker);
    const answering = new Channel<Questions, Questions>(primary);
    await expect(asking.ask('double', { n: 1 }, 1000)).rejects.toThrow('nothing answers "double" yet');
    answering.answer('double', async () => {
      throw new Error('store down');
    });
    await expect(asking.ask('double', { n: 1 }, 1000)).rejects.toThrow('store down');
  });

  it('gives up on a question after its bound', async () => {
    const [primary, worker] = pair();
    new Channel<Questions, Questions>(primary).answer('silent', () => new Promise<null>(() => undefined));
    await expect(new Channel<Questions, Questions>(worker).ask('silent', null, 20)).rejects.toThrow('no answer to "silent" within 20 ms');
  });

  it('fails waiting questions at once when closed, and ignores messages that are not its own', async () => {
    const [primary, worker] = pair();
    new Channel<Questions, Questions>(primary).answer('silent', () => new Promise<null>(() => undefined));
    const asking = new Channel<Questions, Questions>(worker);
    const waiting = asking.ask('silent', null, 60_000);
    primary.send({ type: 'metrics-request' }, () => undefined);
    asking.close();
    await expect(waiting).rejects.toThrow('the other process is gone');
  });
});
