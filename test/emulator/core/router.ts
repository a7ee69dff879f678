/**
 * A minimal router: each service registers (method, path pattern, handler). Patterns are regular
 * expressions over the URL path (without query, `%3A` decoded to ':'); named groups become params.
 */
import type { IncomingMessage } from 'node:http';

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  contentType?: string;
  /** Buffer for binary media (Cloud Storage downloads) */
  body: string | Buffer;
}

export interface RequestCtx {
  req: IncomingMessage;
  method: string;
  /** decoded path, no query */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  rawBody: string;
  /** the body's bytes (binary-safe; rawBody is their UTF-8 decoding) */
  rawBytes: Buffer;
  /**
   * true when a fault cut the request off mid-body (`reset` with `afterBodyBytes`): rawBytes holds
   * what arrived, the reply is discarded and the connection reset.
   */
  partial?: boolean;
  params: Record<string, string>;
  /** Date.now() at arrival */
  at: number;
}

export type Handler = (ctx: RequestCtx) => Reply | Promise<Reply>;

export interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
  /** whether credentials are required (default true) */
  auth: boolean;
  /** whether fault rules and the request recorder apply (default true) */
  observed: boolean;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: RegExp, handler: Handler, opts: { auth?: boolean; observed?: boolean } = {}): void {
    this.routes.push({ method, pattern, handler, auth: opts.auth ?? true, observed: opts.observed ?? true });
  }

  match(method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const m = route.pattern.exec(path);
      if (m === null) continue;
      const params: Record<string, string> = {};
      for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined) params[k] = v;
      return { route, params };
    }
    return undefined;
  }
}

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers,
    contentType: 'application/json; charset=UTF-8',
    body: JSON.stringify(value, null, 2) + '\n',
  };
}

/** Path segment: a resource id (no '/', no ':'). */
export const SEG = '[^/:]+';
