/**
 * Joins a mount prefix and a route path the way Express and Fastify serve them:
 * `('/api/users', '/')` → `/api/users`, `('/api', '/items/:id')` → `/api/items/:id`, `('', '/')` → `/`.
 */
export function joinRoutePath(prefix: string, path: string): string {
  const head = prefix.replace(/\/+$/, '');
  const tail = path === '/' || path === '' ? '' : path.startsWith('/') ? path : `/${path}`;
  const joined = `${head}${tail}`;
  return joined === '' ? '/' : joined.startsWith('/') ? joined : `/${joined}`;
}
