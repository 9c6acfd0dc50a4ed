import type { Express, Request } from 'express';

/** The label of a request that no route answered (404s, requests refused before routing). */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * Turns a request into the pattern of the route that answered it ("/api/v2/users/:id"), for metrics:
 * a raw path would put user ids in labels and grow without bound.
 *
 * Express keeps the matched route (req.route, with its relative pattern) but not the patterns of the
 * routers it is mounted under, and req.baseUrl holds their literal text ("/manage/t/acme"). So the
 * app's router tree is walked once, mapping each Route object to its full pattern. A request no
 * route answered under a literal mount (static files, the sandbox emulator, a 401 before the
 * Management API's routes) is labelled by the longest such mount ("/api/v2/*"); anything else is
 * "unmatched".
 */
export class RoutePatterns {
  private patterns: WeakMap<object, string> | undefined;
  /** Longest first. */
  private literalMounts: readonly string[] = [];

  constructor(private readonly app: Express) {}

  of(req: Request): string {
    const patterns = (this.patterns ??= this.walk());
    const route = (req as { route?: object }).route;
    const pattern = route === undefined ? undefined : patterns.get(route);
    if (pattern !== undefined) return pattern;
    const url = req.originalUrl;
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    for (const mount of this.literalMounts) {
      if (path === mount || path.startsWith(`${mount}/`)) return `${mount}/*`;
    }
    return UNMATCHED_ROUTE;
  }

  private walk(): WeakMap<object, string> {
    const patterns = new WeakMap<object, string>();
    const mounts = new Set<string>();
    const visit = (stack: unknown, prefix: string): void => {
      if (!Array.isArray(stack)) return;
      for (const layer of stack as RouterLayer[]) {
        const path = typeof layer.rawPath === 'string' ? layer.rawPath : undefined;
        if (layer.route && typeof layer.route.path === 'string') {
          patterns.set(layer.route, joinPaths(prefix, layer.route.path));
        } else if (path !== undefined) {
          const mount = joinPaths(prefix, path);
          if (mount !== '/' && !/[:*(]/.test(mount)) mounts.add(mount);
          visit(layer.handle?.stack, mount === '/' ? '' : mount);
        }
      }
    };
    visit((this.app as unknown as { router?: { stack?: unknown } }).router?.stack, '');
    this.literalMounts = [...mounts].sort((a, b) => b.length - a.length);
    return patterns;
  }
}

/** What the walk reads of Express's router layers (router 2.x). */
interface RouterLayer {
  rawPath?: unknown;
  route?: { path?: unknown };
  handle?: { stack?: unknown };
}

function joinPaths(prefix: string, path: string): string {
  if (path === '/' || path === '') return prefix === '' ? '/' : prefix;
  return `${prefix}${path}`;
}
