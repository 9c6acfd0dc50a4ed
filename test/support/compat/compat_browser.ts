import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { readFormPost } from '../authn/form_post_page.js';

export interface PageResponse {
  url: URL;
  status: number;
  headers: IncomingHttpHeaders;
  /** The Location header, resolved against the request URL. */
  location?: URL;
  text: string;
}

/**
 * A minimal browser for logins through Auth0 SDK apps: http and https (trusting the test
 * certificate), a cookie jar per host:port, no redirect followed on its own. It keeps cookies
 * whatever their Secure and SameSite flags say (it is one trusted user agent, not a real browser's
 * cross-site rules), and runs fitgate's form_post page the way its script does: by posting the form.
 */
export class CompatBrowser {
  private readonly cookies = new Map<string, Map<string, string>>();

  constructor(private readonly ca: string) {}

  get(url: string | URL): Promise<PageResponse> {
    return this.send('GET', new URL(url));
  }

  post(url: string | URL, form: Record<string, string>): Promise<PageResponse> {
    return this.send('POST', new URL(url), new URLSearchParams(form).toString());
  }

  /**
   * Follows redirects and fitgate's form_post pages from `url` until a page that is neither, and
   * returns it with every URL visited. At most 15 steps, as browsers bound redirect chains too.
   */
  async follow(url: string | URL): Promise<{ page: PageResponse; visited: URL[] }> {
    const visited: URL[] = [];
    let response = await this.get(url);
    for (let step = 0; step < 15; step += 1) {
      visited.push(response.url);
      if (response.location) {
        response = await this.get(response.location);
      } else if (response.status === 200 && response.text.includes('id="form-post"')) {
        const post = readFormPost(response.text);
        response = await this.post(post.action, post.fields);
      } else {
        return { page: response, visited };
      }
    }
    throw new Error(`more than 15 steps from ${url.toString()}`);
  }

  private send(method: 'GET' | 'POST', url: URL, body?: string): Promise<PageResponse> {
    const headers: Record<string, string> = {};
    const cookie = this.cookieHeader(url.host);
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const outgoing = request(url, { method, headers, ...(url.protocol === 'https:' ? { ca: this.ca } : {}) }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          this.keep(url.host, incoming.headers['set-cookie']);
          const location = incoming.headers.location;
          resolve({
            url,
            status: incoming.statusCode ?? 0,
            headers: incoming.headers,
            text: Buffer.concat(chunks).toString('utf8'),
            ...(location ? { location: new URL(location, url) } : {}),
          });
        });
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  private cookieHeader(host: string): string | undefined {
    const jar = this.cookies.get(host);
    return jar && jar.size > 0 ? [...jar].map(([name, value]) => `${name}=${value}`).join('; ') : undefined;
  }

  private keep(host: string, setCookies: string[] | undefined): void {
    for (const line of setCookies ?? []) {
      const [pair = '', ...attributes] = line.split(';');
      const separator = pair.indexOf('=');
      if (separator < 1) continue;
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const jar = this.cookies.get(host) ?? new Map<string, string>();
      const expired = attributes.some((attribute) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(attribute));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
      this.cookies.set(host, jar);
    }
  }
}

/** The "Continue with Fitbit" link of fitgate's Universal Login page, as an absolute URL. */
export function continueWithFitbit(page: PageResponse): URL {
  const href = /href="([^"]*connection=fitbit[^"]*)"/.exec(page.text)?.[1]?.replace(/&amp;/g, '&');
  if (!href) throw new Error(`no "Continue with Fitbit" link at ${page.url.href} (${page.status}): ${page.text.slice(0, 300)}`);
  return new URL(href, page.url);
}
