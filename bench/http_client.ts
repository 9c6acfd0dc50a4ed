import { Agent, request } from 'node:http';

/**
 * The load driver's HTTP: node:http over one keep-alive agent (no fetch machinery in the measured
 * time), loopback only, a bound on every request, and the body read in full.
 */

const REQUEST_TIMEOUT_MS = 15_000;

export interface HttpResponse {
  status: number;
  location: string | undefined;
  setCookies: string[];
  body: string;
}

export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string;
}

export class HttpClient {
  private agent = newAgent();

  send(url: string, init: HttpRequest = {}): Promise<HttpResponse> {
    const target = new URL(url);
    if (target.hostname !== '127.0.0.1') return Promise.reject(new Error(`the benchmark only talks to 127.0.0.1, not ${target.host}`));
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...init.headers };
      if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
      const outgoing = request(
        { agent: this.agent, host: target.hostname, port: target.port, path: target.pathname + target.search, method: init.method ?? 'GET', headers },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => {
            const setCookie = incoming.headers['set-cookie'];
            resolve({
              status: incoming.statusCode ?? 0,
              location: incoming.headers.location,
              setCookies: setCookie ?? [],
              body: Buffer.concat(chunks).toString('utf8'),
            });
          });
        },
      );
      outgoing.setTimeout(REQUEST_TIMEOUT_MS, () => outgoing.destroy(new Error(`no answer from ${target.origin}${target.pathname} within ${REQUEST_TIMEOUT_MS} ms`)));
      outgoing.on('error', reject);
      outgoing.end(init.body);
    });
  }

  /**
   * Closes the idle keep-alive connections. Call it after a pause longer than the servers' keep-alive
   * timeout (5 s in Node): a server closes such a socket just as the next request is written on it,
   * which fails that request with "socket hang up" though the server is fine.
   */
  dropIdleConnections(): void {
    this.agent.destroy();
    this.agent = newAgent();
  }

  close(): void {
    this.agent.destroy();
  }
}

function newAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 512 });
}

/** One browser's cookies: name=value per origin, enough for session cookies on loopback. */
export class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  store(url: string, setCookies: readonly string[]): void {
    if (setCookies.length === 0) return;
    const origin = new URL(url).origin;
    const cookies = this.byOrigin.get(origin) ?? new Map<string, string>();
    for (const line of setCookies) {
      const pair = line.split(';', 1)[0] ?? '';
      const equals = pair.indexOf('=');
      if (equals > 0) cookies.set(pair.slice(0, equals).trim(), pair.slice(equals + 1).trim());
    }
    this.byOrigin.set(origin, cookies);
  }

  header(url: string): Record<string, string> {
    const cookies = this.byOrigin.get(new URL(url).origin);
    if (!cookies || cookies.size === 0) return {};
    return { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') };
  }
}

/** A browser step: GET with the jar's cookies, cookies kept, redirects not followed. */
export async function browse(http: HttpClient, jar: CookieJar, url: string): Promise<HttpResponse> {
  const response = await http.send(url, { headers: jar.header(url) });
  jar.store(url, response.setCookies);
  return response;
}

/** The Location of a redirect, resolved against the request URL; throws naming the step otherwise. */
export function redirectTarget(step: string, url: string, response: HttpResponse): URL {
  if (response.status < 300 || response.status >= 400 || !response.location) {
    throw new Error(`${step}: expected a redirect, got ${response.status} ${response.body.slice(0, 200).replace(/\s+/g, ' ')}`);
  }
  return new URL(response.location, url);
}

export function formBody(fields: Record<string, string>): { body: string; headers: Record<string, string> } {
  return { body: new URLSearchParams(fields).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

/** The JSON body of a 200 answer; throws naming the step otherwise. */
export function okJson(step: string, response: HttpResponse): Record<string, unknown> {
  if (response.status !== 200) throw new Error(`${step}: expected 200, got ${response.status} ${response.body.slice(0, 200)}`);
  return JSON.parse(response.body) as Record<string, unknown>;
}
