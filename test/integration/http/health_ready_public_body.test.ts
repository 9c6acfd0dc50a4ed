import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { createHealthRouter } from '../../../src/http/health.js';
import { createReadiness } from '../../../src/http/readiness.js';
import { readinessDetails } from '../../../src/http/readiness_details.js';
import { startMetricsServer, type MetricsServer } from '../../../src/metrics/metrics_server.js';
import { createPrometheusMetrics } from '../../../src/metrics/prometheus_metrics.js';
import { masterKeyIds } from '../../../src/store/sealing.js';
import { describeWithRedis, uniquePrefix } from '../../support/redis.js';
import { startFitgateOnRedis, type FitgateOnRedis } from './fitgate_on_redis.js';

/**
 * The public listener's /health/ready answers anyone on the internet: a load balancer needs its
 * status code and `status`, nothing more. Redis's persistence settings, the master key ids and the
 * store's words (which name file paths) are the operator's, on the metrics listener (loopback
 * unless FITGATE_METRICS_HOST), from the same check.
 */
describeWithRedis("/health/ready's details: on the metrics listener, not the public one", () => {
  let fitgate: FitgateOnRedis;
  let publicListener: Server;
  let metricsListener: MetricsServer;
  const publicUrl = () => `http://127.0.0.1:${(publicListener.address() as AddressInfo).port}/health/ready`;
  const operatorUrl = () => `http://127.0.0.1:${metricsListener.port}/health/ready`;

  beforeAll(async () => {
    fitgate = await startFitgateOnRedis('redis://127.0.0.1:6379', uniquePrefix('health-public-body'));
    publicListener = createServer(fitgate.app);
    await new Promise<void>((resolve) => publicListener.listen(0, '127.0.0.1', resolve));
    metricsListener = (await startMetricsServer({ metricsPort: 0 }, { cluster: false, registry: createPrometheusMetrics().registry }, fitgate.readinessDetails))!;
  }, 30_000);

  afterAll(async () => {
    await new Promise((resolve) => publicListener?.close(resolve));
    await metricsListener?.close();
    await fitgate?.store.close();
  });

  it('says only the status on the public listener: no persistence settings, no key ids', async () => {
    const keyId = masterKeyIds(fitgate.config.masterKeys)[0]!;
    const answer = await fetch(publicUrl());
    const text = await answer.text();
    expect(answer.status).toBe(200);
    expect(JSON.parse(text)).toEqual({ status: 'ok' });
    for (const detail of [keyId, 'master_keys', 'redis', 'maxmemory', 'appendonly', 'settings', 'store']) expect({ detail, shown: text.includes(detail) }).toEqual({ detail, shown: false });
  });

  it('gives the operator the same check whole on the metrics listener', async () => {
    const answer = await fetch(operatorUrl());
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(await answer.json()).toEqual({
      status: 'ok',
      store: 'ok',
      redis: expect.objectContaining({ settings: expect.objectContaining({ 'maxmemory-policy': expect.any(String), appendonly: expect.any(String) }) }),
      master_keys: expect.objectContaining({ sealing: masterKeyIds(fitgate.config.masterKeys)[0] }),
    });
    expect((await fetch(operatorUrl(), { method: 'POST' })).status).toBe(405);
  });

  it('keeps a store’s words, which name paths, off the public listener when it is not ready', async () => {
    const words = 'deleted: fitgate.db was deleted from FITGATE_DATA_DIR (/srv/fitgate) while fitgate runs';
    const readiness = createReadiness({ ping: async () => undefined, readiness: async () => words }, { timeoutMs: 500 });
    // Mounted as app.ts mounts it.
    const balancer = await request(express().use(createHealthRouter(readiness))).get('/health/ready');
    expect([balancer.status, balancer.headers['retry-after'], balancer.body]).toEqual([503, '5', { status: 'unavailable' }]);
    const operator = await request(readinessDetails(readiness)).get('/health/ready');
    expect([operator.status, operator.body]).toEqual([503, { status: 'unavailable', store: words }]);
  });
});
