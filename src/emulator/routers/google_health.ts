import { Router, type Request } from 'express';
import { authenticateBearer, consumeQuota } from '../bearer.js';
import { UpstreamError } from '../errors.js';
import { accountRefusal, insufficientScopes, serviceDisabled } from '../google_health_refusals.js';
import { HEALTH_DATA_TYPES } from '../health_data.js';
import { healthIdentity, healthProfile } from '../profiles.js';
import type { AccessTokenRecord } from '../records.js';
import { grantsGoogleArea, type GoogleHealthArea } from '../scopes.js';
import type { EmulatorState } from '../state.js';
import type { TestUser } from '../types.js';

// Identity answers to any read scope of these areas (developers.google.com/health/migration).
const IDENTITY_AREAS: readonly GoogleHealthArea[] = ['activity_and_fitness', 'health_metrics_and_measurements', 'profile', 'settings', 'sleep'];
const MAX_PAGE_SIZE = 1000;

/** The token's user, once the token, the app's project, the scopes and the account all let the call through. */
function caller(state: EmulatorState, req: Request, areas: readonly GoogleHealthArea[]): { token: AccessTokenRecord; user: TestUser } {
  const token = authenticateBearer(state, req, 'google-health');
  const user = state.users.get(token.login);
  if (!user) throw new UpstreamError(401, 'invalid_token', 'Request had invalid authentication credentials.');
  const app = state.apps.get(token.clientId);
  if (app?.healthApiEnabled === false) throw serviceDisabled(app);
  if (!areas.some((area) => grantsGoogleArea(token.scopes, area))) throw insufficientScopes();
  const refusal = accountRefusal(user);
  if (refusal) throw refusal;
  return { token, user };
}

// Page tokens are opaque to clients; here they carry the offset of the next page.
function pageToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function pageOffset(value: unknown): number {
  if (value === undefined || value === '') return 0;
  const match = typeof value === 'string' ? /^offset:(\d{1,9})$/.exec(Buffer.from(value, 'base64url').toString('utf8')) : null;
  if (!match?.[1]) throw new UpstreamError(400, 'invalid_argument', 'Invalid page token.');
  return Number(match[1]);
}

/** health.googleapis.com v4: identity, profile and data points. */
export function googleHealthRouter(state: EmulatorState): Router {
  const router = Router();

  router.get('/v4/users/me/identity', (req, res) => {
    const { token, user } = caller(state, req, IDENTITY_AREAS);
    consumeQuota(state, token, res);
    res.json(healthIdentity(user));
  });

  router.get('/v4/users/me/profile', (req, res) => {
    const { token, user } = caller(state, req, ['profile']);
    consumeQuota(state, token, res);
    res.json(healthProfile(user, state.now()));
  });

  router.get('/v4/users/me/dataTypes/:dataType/dataPoints', (req, res) => {
    const dataType = HEALTH_DATA_TYPES[req.params.dataType ?? ''];
    if (!dataType) {
      authenticateBearer(state, req, 'google-health');
      throw new UpstreamError(404, 'not_found', `Data type "${req.params.dataType}" is not served by this emulator.`);
    }
    const { token, user } = caller(state, req, [dataType.area]);
    const pageSize = req.query.pageSize === undefined ? 100 : Number(req.query.pageSize);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new UpstreamError(400, 'invalid_argument', `pageSize must be between 1 and ${MAX_PAGE_SIZE}.`);
    }
    const offset = pageOffset(req.query.pageToken);
    consumeQuota(state, token, res);
    const points = dataType.points(user, state.now());
    const end = offset + pageSize;
    res.json({
      dataPoints: points.slice(offset, end),
      ...(end < points.length ? { nextPageToken: pageToken(end) } : {}),
    });
  });

  return router;
}
