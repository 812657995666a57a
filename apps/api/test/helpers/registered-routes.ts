import type { App } from '../../src/app.js';

/** A route as `METHOD /path`, every path parameter written `:` (so `:id` and `:bookingId` compare equal). */
export function routeKey(method: string, path: string): string {
  const normalised = path.replace(/\{\w+\}/g, ':').replace(/:[\w|:]+/g, ':');
  return `${method.toUpperCase()} ${normalised.length > 1 ? normalised.replace(/\/$/, '') : normalised}`;
}

/**
 * Every route the app answers, HEAD (Fastify's twin of each GET) and the CORS preflight aside: the router's
 * own tree, which also holds routes hidden from the OpenAPI document, joined with that document's paths.
 */
export async function registeredRoutes(app: App): Promise<Set<string>> {
  const routes = new Set<string>();
  const ancestors: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? '').length / 4;
    const path = (ancestors[depth - 1] ?? '') + match[2];
    ancestors[depth] = path;
    ancestors.length = depth + 1;
    for (const method of match[3]?.split(', ') ?? []) routes.add(routeKey(method, path));
  }
  const document = (await app.inject('/docs/json')).json() as { paths: Record<string, Record<string, unknown>> };
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const method of Object.keys(operations)) routes.add(routeKey(method, path));
  }
  for (const route of routes) if (/^(HEAD|OPTIONS) /.test(route)) routes.delete(route);
  return routes;
}
