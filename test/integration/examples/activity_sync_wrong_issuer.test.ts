import { spawn } from 'node:child_process';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';

const EXAMPLE = join(process.cwd(), 'examples/activity-sync/src/server.js');

/** The example's settings but ISSUER_BASE_URL, as a developer fills them in. */
const SETTINGS = {
  CLIENT_ID: 'example-client',
  CLIENT_SECRET: 'example-secret',
  SECRET: 'x'.repeat(40),
  MANAGEMENT_CLIENT_ID: 'example-automation',
  MANAGEMENT_CLIENT_SECRET: 'automation-secret',
  PORT: '0',
};

/** Starts the example; resolves with its exit code and stderr once it exits (it must, on a wrong issuer). */
function startExample(issuerBaseUrl: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [EXAMPLE], { env: { PATH: process.env.PATH ?? '', ...SETTINGS, ISSUER_BASE_URL: issuerBaseUrl } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stderr })));
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function serve(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/** One line on stderr, exit code 1, no stack trace. */
function expectOneLine(result: { code: number | null; stderr: string }): string {
  expect(result.code).toBe(1);
  expect(result.stderr.endsWith('\n')).toBe(true);
  expect(result.stderr.trimEnd()).not.toContain('\n');
  expect(result.stderr).not.toContain('    at ');
  return result.stderr.trimEnd();
}

/**
 * The example started with a wrong ISSUER_BASE_URL stops at start with one readable line naming the
 * URL it tried, what answered, and what to set, rather than a stack trace at the first sign-in.
 */
describe('the example started with a wrong ISSUER_BASE_URL', () => {
  it('names the URL it could not reach and says to start fitgate or set ISSUER_BASE_URL', async () => {
    const url = await closedPortUrl();
    const line = expectOneLine(await startExample(url));
    expect(line).toBe(
      `Activity Sync: could not reach fitgate at ISSUER_BASE_URL=${url} (fetching ${url}/.well-known/openid-configuration: nothing listens there, ECONNREFUSED): ` +
        'start fitgate, or set ISSUER_BASE_URL to your fitgate tenant URL, the address npm start prints without /manage (e.g. http://localhost:3000)',
    );
  });

  it("passes on fitgate's own 404 for a host that is no tenant's, which names the address that answers", async () => {
    const url = await serve((_req, res) => {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'not_found', error_description: 'There is no fitgate tenant at 127.0.0.1:3000. This fitgate answers at http://localhost:3000.' }));
    });
    const line = expectOneLine(await startExample(url));
    expect(line).toContain(`ISSUER_BASE_URL=${url} is not a fitgate tenant (${url}/.well-known/openid-configuration answered 404: There is no fitgate tenant`);
    expect(line).toContain('This fitgate answers at http://localhost:3000.');
    expect(line).toContain('set ISSUER_BASE_URL to your fitgate tenant URL');
  });

  it('says a server that answers with a page is not fitgate', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>Something else</title>');
    });
    const line = expectOneLine(await startExample(url));
    expect(line).toContain(`answered a page that is no OpenID Connect discovery document): set ISSUER_BASE_URL`);
  });

  it('names the issuer to set when the discovery document names another', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ issuer: 'http://localhost:3000/' }));
    });
    const line = expectOneLine(await startExample(url));
    expect(line).toBe(
      `Activity Sync: ISSUER_BASE_URL=${url} answers as the issuer http://localhost:3000/, and the sign-in checks the two are the same: set ISSUER_BASE_URL=http://localhost:3000`,
    );
  });

  it('refuses a URL without a scheme before trying it', async () => {
    const line = expectOneLine(await startExample('localhost:3000'));
    expect(line).toBe('Activity Sync: ISSUER_BASE_URL must start with http:// or https://: the fitgate tenant URL, e.g. http://localhost:3000 (not localhost:3000)');
  });
});
