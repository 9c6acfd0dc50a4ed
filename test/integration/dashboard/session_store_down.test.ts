import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Express } from 'express';
import session from 'express-session';
import { ClientOfflineError } from 'redis';
import request from 'supertest';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/index.js';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { bootstrap } from '../../../src/domain/bootstrap.js';
import { createLogger } from '../../../src/logging/index.js';
import { createSealer } from '../../../src/store/sealing.js';
import type { Store } from '../../../src/store/store.js';
import { captureLogLines } from '../../support/log_capture.js';
import { openSqliteTestStore, type TestStore } from '../../support/stores.js';

/**
 * A dashboard page whose new session cannot be stored (the session store is down while the tenant is
 * still known, e.g. from the cache): its form is only usable if the CSRF token was stored, so the admin
 * gets the 503 page that says to try again, not a form that can never be sent. The failure is made
 * certain by a session store that refuses every write as node-redis does with Redis gone.
 */

const HOST = 'localhost:3000';

/** Sessions that read as empty and cannot be written: a session store whose server went away. */
class OfflineSessions extends session.Store {
  override get(_sid: string, callback: (error: unknown, data?: session.SessionData | null) => void): void {
    callback(null, null);
  }

  override set(_sid: string, _data: session.SessionData, callback?: (error?: unknown) => void): void {
    callback?.(new ClientOfflineError());
  }

  override destroy(_sid: string, callback?: (error?: unknown) => void): void {
    callback?.(new ClientOfflineError());
  }
}

/** The store with its session store replaced, everything else its own. */
function withOfflineSessions(store: Store): Store {
  const sessions = new OfflineSessions();
  return new Proxy(store, {
    get(target, property) {
      if (property === 'sessionStore') return () => sessions;
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('the dashboard while the session store refuses writes', () => {
  let test: TestStore;
  let app: Express;
  const log = captureLogLines();

  beforeAll(async () => {
    test = await openSqliteTestStore();
    const config = loadConfig({ NODE_ENV: 'test', FITGATE_PUBLIC_URL: `http://${HOST}`, FITGATE_DATA_DIR: test.location, LOG_LEVEL: 'info' });
    const logger = createLogger({ level: 'info', destination: log.destination });
    const sealer = createSealer(config.masterKeys);
    await bootstrap({ config, store: test.store, sealer, plugins: connectionPlugins() });
    app = createApp({ config, store: withOfflineSessions(test.store), sealer, logger, plugins: connectionPlugins(), internalBaseUrl: () => 'http://127.0.0.1:0' });
  });

  afterAll(async () => {
    await test?.cleanup();
  });

  it('answers the sign-in page with the 503 page and its Retry-After, printing nothing on stderr', async () => {
    const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const response = await request(app).get('/manage/login').set('Host', HOST).set('Accept', 'text/html');
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.text).toMatch(/try again/i);
      expect(response.text).not.toContain('name="_csrf"');
      expect(printed).not.toHaveBeenCalled();
    } finally {
      printed.mockRestore();
    }
    const lines = log.lines.map((line) => JSON.parse(line) as { req?: { url?: string }; res?: { statusCode?: number }; err?: { type?: string } });
    expect(lines).toContainEqual(expect.objectContaining({ req: expect.objectContaining({ url: '/manage/login' }), res: { statusCode: 503 } }));
  });
});
