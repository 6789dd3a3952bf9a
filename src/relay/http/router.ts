import type { Route } from './relay-context';

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrong-method'; allow: string[] }
  | { kind: 'not-found' };

/** Finds the route of `method pathname`; a path known under another method is a 405, not a 404. */
export function matchRoute(routes: readonly Route[], method: string, pathname: string): RouteMatch {
  const allow = new Set<string>();
  for (const route of routes) {
    const params = matchPath(route.path, pathname);
    if (params === undefined) continue;
    if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { kind: 'found', route, params };
    allow.add(route.method);
  }
  return allow.size > 0 ? { kind: 'wrong-method', allow: [...allow] } : { kind: 'not-found' };
}

function matchPath(path: string | RegExp, pathname: string): Record<string, string> | undefined {
  if (typeof path === 'string') return path === pathname ? {} : undefined;
  const m = path.exec(pathname);
  return m ? { ...(m.groups ?? {}) } : undefined;
}
