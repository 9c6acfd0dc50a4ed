import { fork } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from '@jest/globals';
import { Channel, type IpcEndpoint } from '../../../src/cluster/channel.js';

type Questions = { metrics: { request: null; reply: string } };

// A worker killed with SIGKILL closes its channel a moment before the primary learns of its exit;
// a question asked in between (a scrape, a readiness probe) must fail, not stop the primary with an
// unhandled 'error' event of the closed channel.
describe('a question to a process that has just died', () => {
  it('fails at once, and nothing is thrown at the asking process', async () => {
    const child = fork('-e', ['setInterval(() => undefined, 1000)'], { execArgv: [], stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    await once(child, 'spawn');
    const channel = new Channel<Questions, Questions>(child as unknown as IpcEndpoint);
    const disconnected = once(child, 'disconnect');
    child.kill('SIGKILL');
    await disconnected;

    // Not the question's bound: the failure of the send itself.
    await expect(channel.ask('metrics', null, 60_000)).rejects.toThrow('the other process is gone');
    // The closed channel's unhandled 'error' would be thrown on a later tick, failing this test.
    await new Promise((resolve) => setImmediate(resolve));
  });
});
