/** Resource paths and methods of REST APIs: what API Gateway accepts and how IDs are derived. */

/** A construct ID part for a resource path: `/orders/{id+}` gives `orders-id-greedy`. */
export function slug(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts.length === 0
    ? 'root'
    : parts.map((p) => p.replace(/[{}+]/g, (c) => (c === '+' ? '-greedy' : ''))).join('-');
}

/** A path with one leading slash and no empty segments. */
export function normalize(path: string): string {
  return `/${path.split('/').filter(Boolean).join('/')}`;
}

/** A path part API Gateway accepts: a literal or a `{param}` / `{param+}`. */
export const PATH_PART = /^(\{[A-Za-z0-9_]+\+?\}|[A-Za-z0-9._~-]+)$/;
/** The HTTP methods a REST API method may have. */
export const HTTP_METHODS = ['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
