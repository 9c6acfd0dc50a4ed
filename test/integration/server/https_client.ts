import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import type { IncomingHttpHeaders } from 'node:http';
import { request, type RequestOptions } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** No request of these tests waits longer. */
const REQUEST_BOUND_MS = 10_000;

/**
 * The local certificate recipe of README.md and docs/operations.md, word for word (own_https.test.ts
 * checks that both still say it): run in a directory, it writes data/localhost.pem and
 * data/localhost-key.pem.
 */
export const CERTIFICATE_RECIPE =
  'openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj /CN=localhost -addext subjectAltName=DNS:localhost,IP:127.0.0.1 -keyout data/localhost-key.pem -out data/localhost.pem';

/** A certificate made by the recipe, in a temporary directory (no key is ever committed). */
export interface ServerCertificate {
  /** FITGATE_TLS_CERT_FILE, and what NODE_EXTRA_CA_CERTS trusts: it is its own CA. */
  readonly certFile: string;
  /** FITGATE_TLS_KEY_FILE. */
  readonly keyFile: string;
  /** The certificate, for `ca` of a request in this process. */
  readonly certPem: string;
  remove(): Promise<void>;
}

export async function makeServerCertificate(): Promise<ServerCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'fitgate-recipe-'));
  await mkdir(join(dir, 'data'), { mode: 0o700 });
  const [command = '', ...args] = CERTIFICATE_RECIPE.split(' ');
  await promisify(execFile)(command, args, { cwd: dir });
  const certFile = join(dir, 'data', 'localhost.pem');
  return { certFile, keyFile: join(dir, 'data', 'localhost-key.pem'), certPem: await readFile(certFile, 'utf8'), remove: () => rm(dir, { recursive: true, force: true }) };
}

export interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
  readonly location: URL | undefined;
}

/**
 * A browser for fitgate over https that trusts only `ca`: it keeps cookies, follows nothing by
 * itself, and opens a new connection for every request (so several workers take turns).
 */
export class HttpsBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(
    private readonly baseUrl: string,
    private readonly ca: string,
  ) {}

  get(url: string | URL, headers: Record<string, string> = {}): Promise<Answer> {
    return this.send('GET', url, headers);
  }

  /** A form body when every value is a string, JSON otherwise. */
  post(url: string | URL, body: object, headers: Record<string, string> = {}): Promise<Answer> {
    const form = Object.values(body).every((value) => typeof value === 'string');
    const text = form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body);
    return this.send('POST', url, { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json', ...headers }, text);
  }

  send(method: string, url: string | URL, headers: Record<string, string>, body?: string): Promise<Answer> {
    const target = new URL(url, this.baseUrl);
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const options: RequestOptions = {
      method,
      ca: this.ca,
      agent: false,
      headers: {
        accept: 'text/html,application/json',
        ...(cookie && { cookie }),
        ...(body !== undefined && { 'content-length': String(Buffer.byteLength(body)) }),
        ...headers,
      },
    };
    return new Promise((resolve, reject) => {
      const req = request(target, options, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('error', reject);
        response.on('end', () => {
          this.keep(response.headers['set-cookie'] ?? []);
          const location = response.headers.location;
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text, location: location === undefined ? undefined : new URL(location, target) });
        });
      });
      req.setTimeout(REQUEST_BOUND_MS, () => req.destroy(new Error(`no answer to ${method} ${target.pathname} within ${REQUEST_BOUND_MS} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  private keep(setCookies: readonly string[]): void {
    for (const line of setCookies) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      if (at > 0) this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }
}
