import { randomBytes } from 'node:crypto';
import { expect, it } from '@jest/globals';
import request from 'supertest';
import { masterKeyStatus } from '../../../src/domain/master_key_check.js';
import { createReadiness } from '../../../src/http/readiness.js';
import { readinessDetails } from '../../../src/http/readiness_details.js';
import { createSealer } from '../../../src/store/sealing.js';
import { describeEachStore } from '../../support/stores.js';
import { connectionRecord, tenantRecord } from '../store/records.js';

describeEachStore("the operator's /health/ready and master keys", (h) => {
  it('names the key ids sealing stored values and those this process lacks, never a key or a count', async () => {
    const store = h.store();
    const old = createSealer([randomBytes(32)]);
    const current = createSealer([randomBytes(32)]);
    const tenant = tenantRecord();
    await store.tenants.create(tenant);
    await store.connections.create(
      connectionRecord(tenant.name, {
        options: { api: 'google-health', clientId: 'c', clientSecret: old.seal('secret'), scope: [], profileSync: 'on_each_login' },
      }),
    );
    const app = readinessDetails(createReadiness(store, { timeoutMs: 1000, masterKeys: () => masterKeyStatus(store.sealedRecords, current.keyIds) }));

    const response = await request(app).get('/health/ready');
    expect(response.status).toBe(200);
    expect(response.body.master_keys).toEqual({ sealing: current.keyIds[0], in_use: [old.keyIds[0]], missing: [old.keyIds[0]] });
  });

  it('leaves the detail out rather than hang when the store does not answer it', async () => {
    // The same bound as above: the store's own probe must still answer within it on a loaded machine
    // (50 ms did not, once, in CI), while the detail never does.
    const app = readinessDetails(createReadiness(h.store(), { timeoutMs: 1000, masterKeys: () => new Promise(() => undefined) }));
    const response = await request(app).get('/health/ready');
    expect(response.status).toBe(200);
    expect(response.body.master_keys).toBeUndefined();
  });
});
