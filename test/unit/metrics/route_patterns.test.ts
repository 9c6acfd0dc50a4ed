import { describe, expect, it } from '@jest/globals';
import express, { Router, type Request } from 'express';
import request from 'supertest';
import { RoutePatterns } from '../../../src/http/route_patterns.js';

/** A small app shaped like fitgate's: nested routers, a parameter in a mount path, a static mount. */
function appLabelling(): { app: express.Express; labels: string[] } {
  const app = express();
  const labels: string[] = [];
  const patterns = new RoutePatterns(app);
  app.use((req, res, next) => {
    res.once('finish', () => labels.push(patterns.of(req as Request)));
    next();
  });
  const users = Router();
  users.get('/:id', (_req, res) => res.send('user'));
  const tenant = Router({ mergeParams: true });
  tenant.use('/users', users);
  const manage = Router();
  manage.use('/t/:tenant', tenant);
  manage.get('/', (_req, res) => res.send('home'));
  const api = Router();
  api.use((req, res, next) => (req.headers.authorization ? next() : res.status(401).end()));
  api.get('/users/:id', (_req, res) => res.send('api user'));
  app.use('/static', (_req, res) => res.send('file'));
  app.use('/api/v2', api);
  app.use('/manage', manage);
  app.get('/authorize', (_req, res) => res.redirect('/elsewhere'));
  app.get('/fails/:code', () => {
    throw new Error('boom');
  });
  app.use((_req, res) => res.status(404).end());
  app.use((_error: unknown, _req: Request, res: express.Response, _next: express.NextFunction) => res.status(500).end());
  return { app, labels };
}

describe('RoutePatterns', () => {
  it('labels each request with its full route pattern, parameters in mount paths included', async () => {
    const { app, labels } = appLabelling();
    await request(app).get('/authorize');
    await request(app).get('/manage/t/acme/users/fitbit%7Calice');
    await request(app).get('/manage/');
    await request(app).get('/api/v2/users/auth0%7C123').set('Authorization', 'Bearer x');
    expect(labels).toEqual(['/authorize', '/manage/t/:tenant/users/:id', '/manage', '/api/v2/users/:id']);
  });

  it('keeps the route pattern when the handler fails and the error leaves its router', async () => {
    const { app, labels } = appLabelling();
    expect((await request(app).get('/fails/12345')).status).toBe(500);
    expect(labels).toEqual(['/fails/:code']);
  });

  it('labels a request no route answered by the literal mount it fell under, or "unmatched"', async () => {
    const { app, labels } = appLabelling();
    await request(app).get('/static/css/site.css?v=3');
    await request(app).get('/api/v2/users/auth0%7C123');
    await request(app).get('/nothing/here/alice');
    expect(labels).toEqual(['/static/*', '/api/v2/*', 'unmatched']);
  });
});
