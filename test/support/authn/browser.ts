import request from 'supertest';

export interface BrowserResponse {
  status: number;
  /** The Location header, resolved against the request URL. */
  location?: URL;
  text: string;
  /** Response headers, names in lower case. */
  headers: Record<string, string>;
}

/**
 * A minimal browser for the login dance: GETs without following redirects, a cookie jar per host
 * (host-only cookies, as fitgate sets them), and fitgate's tenant hosts (which do not resolve in DNS)
 * sent to the fitgate server on loopback with the tenant's Host header. Other URLs (an emulator on
 * 127.0.0.1) are fetched directly.
 */
export class Browser {
  constructor(
    /** "http://127.0.0.1:PORT" where fitgate listens. */
    private readonly fitgateUrl: string,
    /** Hosts served by fitgate, e.g. "acme.localhost:3000". */
    private readonly fitgateHosts: ReadonlySet<string>,
    private readonly cookies = new Map<string, Map<string, string>>(),
  ) {}

  /** The same browser (same cookies) with fitgate's hosts now served by another instance. */
  routedTo(fitgateUrl: string): Browser {
    return new Browser(fitgateUrl, this.fitgateHosts, this.cookies);
  }

  async get(url: string | URL): Promise<BrowserResponse> {
    const target = new URL(url);
    const cookie = this.cookieHeader(target.host);
    if (this.fitgateHosts.has(target.host)) {
      const call = request(this.fitgateUrl).get(`${target.pathname}${target.search}`).set('Host', target.host).redirects(0);
      if (cookie) call.set('Cookie', cookie);
      const response = await call;
      this.store(target.host, response.headers['set-cookie'] as unknown as string[] | undefined);
      return answer(target, response.status, response.headers.location as string | undefined, response.text, response.headers as Record<string, string>);
    }
    const response = await fetch(target, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    this.store(target.host, response.headers.getSetCookie());
    const text = await response.text();
    return answer(target, response.status, response.headers.get('location') ?? undefined, text, Object.fromEntries(response.headers));
  }

  /** POSTs `form` (application/x-www-form-urlencoded) to a page of fitgate's hosts, as its form would; redirects are not followed. */
  async post(url: string | URL, form: Record<string, string>): Promise<BrowserResponse> {
    const target = new URL(url);
    if (!this.fitgateHosts.has(target.host)) throw new Error(`${target.host} is not one of fitgate's hosts`);
    const call = request(this.fitgateUrl).post(`${target.pathname}${target.search}`).set('Host', target.host).type('form').send(form).redirects(0);
    const cookie = this.cookieHeader(target.host);
    if (cookie) call.set('Cookie', cookie);
    const response = await call;
    this.store(target.host, response.headers['set-cookie'] as unknown as string[] | undefined);
    return answer(target, response.status, response.headers.location as string | undefined, response.text, response.headers as Record<string, string>);
  }

  /**
   * Follows redirects from `url` until one leaves for `stopAt` (the client's redirect_uri) or a page
   * is answered. At most 10 hops, as browsers bound redirect chains too.
   */
  async follow(url: string | URL, stopAt: string): Promise<{ arrivedAt?: URL; page?: BrowserResponse; hops: URL[] }> {
    let next = new URL(url);
    const hops: URL[] = [];
    for (let hop = 0; hop < 10; hop += 1) {
      const response = await this.get(next);
      if (!response.location) return { page: response, hops };
      hops.push(response.location);
      if (response.location.href.startsWith(stopAt)) return { arrivedAt: response.location, hops };
      next = response.location;
    }
    throw new Error(`more than 10 redirects from ${url.toString()}`);
  }

  /** The value of a cookie set for a host, if any. */
  cookie(host: string, name: string): string | undefined {
    return this.cookies.get(host)?.get(name);
  }

  private cookieHeader(host: string): string | undefined {
    const jar = this.cookies.get(host);
    return jar && jar.size > 0 ? [...jar].map(([name, value]) => `${name}=${value}`).join('; ') : undefined;
  }

  private store(host: string, setCookies: string[] | undefined): void {
    for (const line of setCookies ?? []) {
      const [pair = ''] = line.split(';');
      const separator = pair.indexOf('=');
      if (separator < 1) continue;
      const jar = this.cookies.get(host) ?? new Map<string, string>();
      jar.set(pair.slice(0, separator).trim(), pair.slice(separator + 1).trim());
      this.cookies.set(host, jar);
    }
  }
}

function answer(target: URL, status: number, location: string | undefined, text: string, headers: Record<string, string>): BrowserResponse {
  return { status, text, headers, ...(location ? { location: new URL(location, target) } : {}) };
}
