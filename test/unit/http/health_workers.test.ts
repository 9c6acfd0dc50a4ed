import { describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createReadiness, type WorkerReadiness } from '../../../src/http/readiness.js';
import { readinessDetails } from '../../../src/http/readiness_details.js';

const answeringStore = { ping: () => Promise.resolve() };
const appWith = (workers: WorkerReadiness) => readinessDetails(createReadiness(answeringStore, { timeoutMs: 100, workers }));

describe('readiness with several workers', () => {
  it('is ready when every worker answered with its store, and says how many', async () => {
    const response = await request(appWith({ expected: 2, ready: async () => ({ ready: 2 }) })).get('/health/ready');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'ok', store: 'ok', workers: { expected: 2, ready: 2 } });
  });

  it('is 503 while a worker is missing (crashed, or not yet replaced), though this worker\'s store answers', async () => {
    const response = await request(appWith({ expected: 2, ready: async () => ({ ready: 1 }) })).get('/health/ready');
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ status: 'unavailable', store: 'ok', workers: { expected: 2, ready: 1 } });
  });

  it('is 503 when the primary cannot be asked', async () => {
    const response = await request(appWith({ expected: 2, ready: () => Promise.reject(new Error('no answer')) })).get('/health/ready');
    expect(response.status).toBe(503);
    expect(response.body).toMatchObject({ workers: { expected: 2, ready: 0 } });
  });
});
