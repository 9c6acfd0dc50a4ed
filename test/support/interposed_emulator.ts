import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TestEmulator } from './emulator.js';
import { startLoopbackHttpServer } from './loopback_http_server.js';

/**
 * The emulator behind a loopback proxy that can hold one request back while a test does something
 * first: an upstream call of fitgate's interleaved, in a set order, with another request. fitgate is
 * pointed at `url` (FITGATE_UPSTREAM_BASE_URL), which forwards everything to the emulator.
 */
export interface InterposedEmulator extends TestEmulator {
  /**
   * Before the next request whose path (the emulator's: "/<real host>/<real path>") starts with
   * `pathPrefix` is forwarded, awaits `first`, once. A `first` that throws fails that request (502).
   */
  beforeNext(pathPrefix: string, first: () => Promise<void>): void;
  /** Whether the request `beforeNext` waits for has come. */
  readonly waitedFor: boolean;
}

export async function interposeEmulator(emulator: TestEmulator): Promise<InterposedEmulator> {
  let pending: { pathPrefix: string; first: () => Promise<void> } | undefined;
  let waitedFor = false;
  const server = await startLoopbackHttpServer((req, res) => {
    void (async () => {
      const path = req.url ?? '/';
      const hook = pending && path.startsWith(pending.pathPrefix) ? pending : undefined;
      if (hook) {
        pending = undefined;
        waitedFor = true;
        try {
          await hook.first();
        } catch (error) {
          res.writeHead(502, { 'content-type': 'text/plain' }).end(`the interposed step failed: ${String(error)}`);
          return;
        }
      }
      await forward(emulator.url, req, res);
    })();
  });
  return {
    url: server.url,
    control: emulator.control,
    close: () => server.close(),
    beforeNext(pathPrefix, first) {
      pending = { pathPrefix, first };
      waitedFor = false;
    },
    get waitedFor() {
      return waitedFor;
    },
  };
}

// fetch decodes the body and frames it anew: the emulator's own framing headers no longer apply.
const NOT_FORWARDED = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'content-encoding', 'keep-alive']);

async function forward(target: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = Object.entries(req.headers).flatMap(([name, value]) =>
    NOT_FORWARDED.has(name) || value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value] as [string, string]],
  );
  const method = req.method ?? 'GET';
  const answer = await fetch(`${target}${req.url ?? '/'}`, {
    method,
    headers,
    redirect: 'manual',
    ...(method === 'GET' || method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
  });
  const body = Buffer.from(await answer.arrayBuffer());
  const answered: Record<string, string | string[]> = {};
  answer.headers.forEach((value, name) => {
    if (!NOT_FORWARDED.has(name) && name !== 'set-cookie') answered[name] = value;
  });
  const cookies = answer.headers.getSetCookie();
  if (cookies.length > 0) answered['set-cookie'] = cookies;
  res.writeHead(answer.status, answered).end(body);
}
