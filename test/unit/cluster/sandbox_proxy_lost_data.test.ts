import { describe, expect, it } from '@jest/globals';
import express, { type NextFunction, type Request, type Response } from 'express';
import request from 'supertest';
import { proxiedSandbox } from '../../../src/cluster/sandbox_proxy.js';
import type { TenantRepository } from '../../../src/domain/ports.js';
import { NotFoundError, StoreDataLostError } from '../../../src/errors/index.js';

const CAUSE = "Redis lost fitgate's data (restarted without persistence or flushed?); restore it or restart fitgate to set it up anew";

/** A store that finds no tenant anywhere, as an emptied Redis does; `lost` is what its lostData says. */
function sandboxOn(lost: string | undefined) {
  const tenants = { get: async () => undefined, findByDomain: async () => undefined } as unknown as TenantRepository;
  const sandbox = proxiedSandbox(
    { publicUrl: 'http://localhost:3000', baseHost: 'localhost:3000' },
    { tenants, lostData: async () => lost },
    // Never reached: no tenant, so nothing is registered nor passed on.
    { sandbox: { url: 'http://127.0.0.1:1', credentials: [] }, allowSandboxCallback: async () => undefined },
  );
  let seen: unknown;
  const app = express()
    .use('/_sandbox', sandbox.app)
    .use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
      seen = error;
      res.status(599).end();
    });
  return { app, seen: () => seen };
}

/** A worker's /_sandbox finds its tenant as every other path does: on a store that lost its data, the cause, not "no tenant". */
describe("a worker's sandbox on a store that lost fitgate's data", () => {
  it('passes on the 503 with the cause where the tenant is missing because the data is gone', async () => {
    const { app, seen } = sandboxOn(CAUSE);
    await request(app).get('/_sandbox/authorize').set('Host', 'localhost:3000');
    expect(seen()).toBeInstanceOf(StoreDataLostError);
    expect((seen() as StoreDataLostError).status).toBe(503);
    expect((seen() as StoreDataLostError).description).toBe(`fitgate cannot serve right now: ${CAUSE}.`);
  });

  it('still passes on the 404 when the data is there and the tenant simply does not exist', async () => {
    const { app, seen } = sandboxOn(undefined);
    await request(app).get('/_sandbox/authorize').set('Host', 'nobody.localhost:3000');
    expect(seen()).toBeInstanceOf(NotFoundError);
  });
});
