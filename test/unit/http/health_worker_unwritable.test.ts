import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createReadiness } from '../../../src/http/readiness.js';
import { readinessDetails } from '../../../src/http/readiness_details.js';

const FULL =
  'full: the disk holding FITGATE_DATA_DIR (/data) is full, so fitgate.db cannot be written (database or disk is full); ' +
  'writes are answered 503 until space is freed there';

/**
 * With workers, the worker a probe lands on may have written nothing since the disk filled up,
 * while another worker's writes fail: what that worker says about its files (through the primary's
 * ping round) is the instance's store state, so the load balancer sees it whichever worker answers.
 */
describe('readiness when another worker could not write', () => {
  const quietStore = { ping: () => Promise.resolve(), readiness: () => Promise.resolve(undefined) };

  it("is 503 with that worker's words though this worker's own store is ok", async () => {
    const app = readinessDetails(createReadiness(quietStore, { timeoutMs: 100, workers: { expected: 2, ready: async () => ({ ready: 2, unwritable: FULL }) } }));
    const response = await request(app).get('/health/ready');
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.body).toEqual({ status: 'unavailable', store: FULL, workers: { expected: 2, ready: 2 } });
  });

  it("keeps this worker's own problem first when it has one", async () => {
    const locked = { ping: () => Promise.resolve(), readiness: () => Promise.resolve('locked: another process holds the write lock') };
    const app = readinessDetails(createReadiness(locked, { timeoutMs: 100, workers: { expected: 2, ready: async () => ({ ready: 2, unwritable: FULL }) } }));
    const response = await request(app).get('/health/ready');
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ store: 'locked: another process holds the write lock' });
  });
});
