/**
 * A pass-through HTTP proxy in front of the emulator or the GitHub fake, for the faults their own
 * injectors do not offer: any status with any body (a 401, 403 or 404; a 200 whose body is not
 * JSON), a request that is never answered, or something done (a stop signal sent) the moment a
 * request arrives, before it is passed on. Point `api-endpoint` or `GITHUB_API_URL` at `url`.
 */

import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ProxyAction =
  /** Answer this instead of passing the request on (the service never sees it). */
  | { kind: 'answer'; status: number; body: string; contentType?: string }
  /** Pass the request on, then answer this instead of what the service said (its effects happen). */
  | { kind: 'replace'; status: number; body: string; contentType?: string }
  /** Never answer (until the proxy closes). */
  | { kind: 'hang' }
  /** Run `fn` when the request arrives, then pass it on. */
  | { kind: 'tap'; fn: () => void | Promise<void> };

export interface ProxyRule {
  method?: string;
  path: RegExp;
  /** Let this many matching requests through first. */
  skip?: number;
  /** Apply to this many matching requests (default 1). */
  times?: number;
  /** Only when the request body matches. */
  body?: RegExp;
  action: ProxyAction;
}

export interface ProxyHit {
  method: string;
  path: string;
  action: ProxyAction['kind'] | 'pass';
}

export interface FaultProxy {
  url: string;
  add(rule: ProxyRule): void;
  clear(): void;
  /** Requests a rule acted on, and the ones passed through, in order. */
  readonly hits: ProxyHit[];
  /** Called whenever a request starts hanging. */
  onHang: (() => void) | null;
  /** How many requests hang now (the client has not given up on them). */
  hanging(): number;
  close(): Promise<void>;
}

interface RuleState {
  rule: ProxyRule;
  matched: number;
  applied: number;
}

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  let rules: RuleState[] = [];
  const hanging = new Set<ServerResponse>();
  const hits: ProxyHit[] = [];

  const pick = (method: string, path: string, body: string): ProxyAction | null => {
    for (const st of rules) {
      const r = st.rule;
      if (r.method && r.method.toUpperCase() !== method) continue;
      if (!r.path.test(path)) continue;
      if (r.body && !r.body.test(body)) continue;
      st.matched++;
      if (st.matched <= (r.skip ?? 0)) continue;
      if (st.applied >= (r.times ?? 1)) continue;
      st.applied++;
      return r.action;
    }
    return null;
  };

  const forward = (
    req: IncomingMessage,
    body: Buffer,
  ): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: upstream.host };
      const out = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
          );
          res.on('error', reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });

  const answer = (res: ServerResponse, status: number, body: string, contentType = 'application/json'): void => {
    res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const method = (req.method ?? 'GET').toUpperCase();
    const path = req.url ?? '/';
    const action = pick(method, path, body.toString('utf8'));
    hits.push({ method, path, action: action?.kind ?? 'pass' });
    if (action?.kind === 'answer') return answer(res, action.status, action.body, action.contentType);
    if (action?.kind === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      proxy.onHang?.();
      return;
    }
    if (action?.kind === 'tap') await action.fn();
    const got = await forward(req, body);
    if (action?.kind === 'replace') return answer(res, action.status, action.body, action.contentType);
    const headers = { ...got.headers };
    delete headers['transfer-encoding'];
    headers['content-length'] = String(got.body.length);
    res.writeHead(got.status, headers);
    res.end(got.body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) answer(res, 502, JSON.stringify({ error: { code: 502, message: String(e) } }));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${port}`,
    add: (rule) => void rules.push({ rule, matched: 0, applied: 0 }),
    clear: () => {
      rules = [];
      hits.length = 0;
    },
    hits,
    onHang: null,
    hanging: () => hanging.size,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
