import { request, type IncomingHttpHeaders } from 'node:http';

/** The default tenant's host; the server listens on a random port, so the client connects there and says this. */
export const TENANT_HOST = 'localhost:3000';
export const TENANT_URL = `http://${TENANT_HOST}`;
/**
 * No request waits longer: a connection the primary hands to a worker at the moment it is killed is
 * lost with it (node:cluster does not re-route it), as a real client's would be.
 */
const REQUEST_BOUND_MS = 5_000;

export interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  /** The pid of the worker that answered (x-fitgate-worker, set in tests only). */
  readonly worker: string;
  readonly location: URL | undefined;
}

/**
 * A browser for a clustered fitgate: it keeps cookies, follows nothing by itself, and opens a new
 * connection for every request. A kept-alive connection stays with one worker; new connections are
 * handed to the workers in turn, which is what lets a test put two steps of one flow on two workers.
 */
export class ClusterBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly port: number) {}

  get(url: string | URL, headers: Record<string, string> = {}): Promise<Answer> {
    return this.send('GET', url, headers);
  }

  post(url: string | URL, body: Record<string, string> | object, headers: Record<string, string> = {}): Promise<Answer> {
    const form = Object.values(body).every((value) => typeof value === 'string');
    const text = form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body);
    return this.send('POST', url, { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json', ...headers }, text);
  }

  send(method: string, url: string | URL, headers: Record<string, string>, body?: string): Promise<Answer> {
    const target = new URL(url, TENANT_URL);
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          method,
          path: `${target.pathname}${target.search}`,
          agent: false,
          headers: {
            host: target.host,
            connection: 'close',
            accept: 'text/html,application/json',
            ...(cookie && { cookie }),
            ...(body !== undefined && { 'content-length': String(Buffer.byteLength(body)) }),
            ...headers,
          },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('error', reject);
          response.on('end', () => {
            this.keep(response.headers['set-cookie'] ?? []);
            const location = response.headers.location;
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              text,
              worker: String(response.headers['x-fitgate-worker'] ?? ''),
              location: location === undefined ? undefined : new URL(location, target),
            });
          });
        },
      );
      req.setTimeout(REQUEST_BOUND_MS, () => req.destroy(new Error(`no answer to ${method} ${target.pathname} within ${REQUEST_BOUND_MS} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  /**
   * Sends throw-away requests until one lands on `worker`, so that the next new connection goes to
   * another worker (they take new connections in turn). Bounded; the caller checks where its next
   * request really landed.
   */
  async stepOffWorker(worker: string): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt += 1) {
      if ((await this.get('/health/live')).worker === worker) return;
    }
  }

  private keep(setCookies: readonly string[]): void {
    for (const line of setCookies) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at > 0) this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }
}
