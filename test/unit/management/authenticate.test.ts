import { describe, expect, it } from '@jest/globals';
import type { NextFunction, Request, Response } from 'express';
import pino from 'pino';
import type { AppDeps } from '../../../src/app_deps.js';
import { UnauthorizedError } from '../../../src/errors/index.js';
import { authenticate } from '../../../src/management/authenticate.js';

describe('the Management API authentication', () => {
  it('answers Auth0’s exact message and keeps why in the log', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
    // No token: refused before the store or the keys are asked anything.
    const deps = { logger, sealer: {}, store: {} } as unknown as Pick<AppDeps, 'sealer' | 'store' | 'logger'>;
    const req = { id: 'req-1', headers: {}, context: { tenantUrl: 'https://acme.example' } } as unknown as Request;

    let refusal: unknown;
    try {
      // The handler is async: its refusal is the promise's.
      await authenticate(deps)(req, {} as Response, (() => undefined) as NextFunction);
    } catch (error) {
      refusal = error;
    }

    expect(refusal).toBeInstanceOf(UnauthorizedError);
    expect((refusal as UnauthorizedError).description).toBe('Missing authentication');
    expect(lines).toEqual([
      expect.objectContaining({ reqId: 'req-1', token_refused: { reason: 'missing', detail: 'no access token was sent' }, msg: 'Management API access token refused' }),
    ]);
  });
});
