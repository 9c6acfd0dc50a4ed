import { request as httpRequest } from 'node:http';

/**
 * A fetch for relying-party libraries (openid-client's customFetch) that reaches fitgate's tenant
 * hosts, which do not resolve in DNS, on its loopback address with the tenant's Host header. Node's
 * fetch ignores a Host header, hence node:http. Other URLs go to the global fetch.
 */
export function loopbackFetch(fitgateUrl: string, fitgateHosts: ReadonlySet<string>) {
  const via = new URL(fitgateUrl);
  return async (url: string, options: { method: string; headers: Record<string, string>; body?: unknown }): Promise<Response> => {
    const target = new URL(url);
    if (!fitgateHosts.has(target.host)) return fetch(url, options as RequestInit);
    const body = options.body === undefined || options.body === null ? undefined : String(options.body);
    return new Promise<Response>((resolve, reject) => {
      const call = httpRequest(
        {
          host: via.hostname,
          port: via.port,
          method: options.method,
          path: `${target.pathname}${target.search}`,
          headers: { ...options.headers, host: target.host },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(res.headers)) {
              for (const single of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, single);
            }
            const status = res.statusCode ?? 502;
            const content = status === 204 || status === 304 ? null : Buffer.concat(chunks);
            resolve(new Response(content, { status, headers }));
          });
        },
      );
      call.on('error', reject);
      call.end(body);
    });
  };
}
