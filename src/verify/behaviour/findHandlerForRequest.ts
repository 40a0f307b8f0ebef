/**
 * Which handler of the access model serves a request: method and path matched against each
 * handler's route template (Express/Fastify `:id`, API Gateway `{id}` and `{proxy+}`, `*`).
 * Literal segments win over parameters, as the frameworks route.
 */
import type { HandlerRecord } from '../../model/access-model';

interface CompiledRoute {
  handler: HandlerRecord;
  regex: RegExp;
  rank: number;
}

function compile(handler: HandlerRecord): CompiledRoute | undefined {
  if (!handler.method || !handler.path) return undefined;
  const segments = handler.path.split('/');
  const pattern = segments
    .map((segment) => {
      if (segment === '*' || /^\{[^}]+\+\}$/.test(segment)) return '.+';
      if (/^:[\w$]+\??$/.test(segment) || /^\{[^}]+\}$/.test(segment)) return '[^/]+';
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  const literals = segments.filter((segment) => segment && !/^[:{*]/.test(segment)).length;
  return { handler, regex: new RegExp(`^${pattern}/?$`), rank: literals * 10 - (/\*|\+\}/.test(handler.path) ? 1 : 0) };
}

export function findHandlerForRequest(handlers: HandlerRecord[], method: string, requestPath: string): HandlerRecord | undefined {
  const pathname = new URL(requestPath, 'http://127.0.0.1').pathname;
  const wanted = method.toUpperCase();
  const candidates = handlers
    .filter((handler) => handler.method && (handler.method.toUpperCase() === wanted || handler.method.toUpperCase() === 'ANY' || handler.method.toUpperCase() === 'ALL'))
    .map(compile)
    .filter((route): route is CompiledRoute => route !== undefined && route.regex.test(pathname))
    .sort((a, b) => b.rank - a.rank);
  return candidates[0]?.handler;
}
