import express, { Router, type ErrorRequestHandler } from 'express';
import { z } from 'zod';
import type { EmulatorControl } from './control.js';
import { EmulatorInputError, parseInput } from './schemas.js';
import { HOSTS, type Host } from './types.js';

const enabledSchema = z.object({ enabled: z.boolean() }).strict();
const redirectUriSchema = z.object({ redirectUri: z.string() }).strict();
const revokeSchema = z.object({ login: z.string().min(1), clientId: z.string().min(1).optional() }).strict();
const expireSchema = z.object({ login: z.string().min(1).optional(), clientId: z.string().min(1).optional() }).strict();
const clockSchema = z.object({ advanceSeconds: z.number().min(0) }).strict();

/**
 * /_emulator/: the control API over HTTP, JSON in and out, for the standalone emulator and for
 * tests in other processes. Bad input answers 400 {"error":"invalid_request","message"}.
 * It has no authentication: the emulator is a development tool and must never face the internet.
 */
export function adminRouter(control: EmulatorControl): Router {
  const router = Router();
  router.use(express.json());

  router.get('/apps', (_req, res) => void res.json(control.apps()));
  router.post('/apps', (req, res) => void res.status(201).json(control.registerApp(req.body)));
  router.delete('/apps/:clientId', (req, res) => {
    if (!control.removeApp(req.params.clientId)) throw new EmulatorInputError(`no app with clientId "${req.params.clientId}"`);
    res.status(204).end();
  });
  router.post('/apps/:clientId/redirect-uris', (req, res) => {
    const { redirectUri } = parseInput(redirectUriSchema, req.body);
    res.json(control.addRedirectUri(req.params.clientId, redirectUri));
  });

  router.get('/users', (_req, res) => void res.json(control.users()));
  router.post('/users', (req, res) => void res.status(201).json(control.addUser(req.body)));

  router.post('/failures', (req, res) => {
    control.setFailure(req.body);
    res.status(204).end();
  });
  router.delete('/failures', (req, res) => {
    const host = req.query.host;
    if (host !== undefined && host !== '*' && !HOSTS.includes(host as Host)) throw new EmulatorInputError(`unknown host "${String(host)}"`);
    control.clearFailures(host as Host | '*' | undefined);
    res.status(204).end();
  });

  router.get('/failures/held', (_req, res) => void res.json({ held: control.heldRequests() }));
  router.post('/failures/held/release', (_req, res) => {
    control.releaseHeld();
    res.status(204).end();
  });

  router.post('/legacy-shutdown', (req, res) => {
    control.setLegacyShutdown(parseInput(enabledSchema, req.body).enabled);
    res.status(204).end();
  });

  router.get('/settings', (_req, res) => void res.json(control.settings()));
  router.patch('/settings', (req, res) => void res.json(control.setSettings(req.body)));

  router.post('/auto-consent', (req, res) => {
    control.setAutoConsent(req.body);
    res.status(204).end();
  });
  router.delete('/auto-consent', (_req, res) => {
    control.setAutoConsent(undefined);
    res.status(204).end();
  });

  router.post('/revoke', (req, res) => {
    const { login, clientId } = parseInput(revokeSchema, req.body);
    res.json({ revokedGrants: control.revokeUserGrants(login, clientId) });
  });
  router.post('/expire-access-tokens', (req, res) => {
    res.json({ expired: control.expireAccessTokens(parseInput(expireSchema, req.body ?? {})) });
  });
  router.post('/clock', (req, res) => {
    control.advanceClock(parseInput(clockSchema, req.body).advanceSeconds);
    res.status(204).end();
  });

  router.get('/counters', (_req, res) => void res.json(control.counters()));
  router.post('/reset', (_req, res) => {
    control.reset();
    res.status(204).end();
  });

  router.use((_req, res) => void res.status(404).json({ error: 'not_found', message: 'No such emulator admin endpoint.' }));
  router.use(adminErrors);
  return router;
}

const adminErrors: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  if (error instanceof EmulatorInputError) {
    res.status(400).json({ error: 'invalid_request', message: error.message });
    return;
  }
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    res.status(400).json({ error: 'invalid_request', message: 'The request body is not valid JSON.' });
    return;
  }
  res.status(500).json({ error: 'server_error', message: 'Internal error.' });
};
