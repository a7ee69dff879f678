/**
 * A small, faithful-enough fake of GitHub's REST API for issue comments, on a real loopback
 * HTTP server: list (paginated, with a real `Link` header), create, get, edit, delete, plus
 * `GET /user` and GraphQL `viewer { login }`. Response shapes follow `@octokit/openapi`.
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';

export interface FakeTokenInfo {
  kind: 'installation' | 'user';
  login: string;
}

export interface FakeUser {
  login: string;
  id: number;
  node_id: string;
  avatar_url: string;
  gravatar_id: string | null;
  url: string;
  html_url: string;
  followers_url: string;
  following_url: string;
  gists_url: string;
  starred_url: string;
  subscriptions_url: string;
  organizations_url: string;
  repos_url: string;
  events_url: string;
  received_events_url: string;
  type: 'Bot' | 'User';
  user_view_type: string;
  site_admin: boolean;
}

export interface FakeComment {
  id: number;
  node_id: string;
  url: string;
  html_url: string;
  issue_url: string;
  body: string;
  user: FakeUser;
  created_at: string;
  updated_at: string;
  author_association: 'OWNER' | 'MEMBER' | 'COLLABORATOR' | 'CONTRIBUTOR' | 'NONE';
  performed_via_github_app: Record<string, unknown> | null;
  reactions: Record<string, number | string>;
}

export interface FakeRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  status: number;
}

export interface GitHubFake {
  /** Use as GITHUB_API_URL. */
  url: string;
  requests: FakeRequest[];
  comments(owner: string, repo: string, issue: number): FakeComment[];
  addComment(owner: string, repo: string, issue: number, body: string, login: string): FakeComment;
  /** Writes answer 403 "Resource not accessible by integration", as for a fork PR's token. */
  setReadOnly(readOnly: boolean): void;
  close(): Promise<void>;
}

export interface GitHubFakeOptions {
  host?: string;
  port?: number;
  tokens?: Record<string, FakeTokenInfo>;
}

const BODY_LIMIT = 65_536;
const WEB = 'https://github.com';
const DOCS = 'https://docs.github.com/rest';
const GITHUB_ACTIONS_BOT_ID = 41_898_282;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly payload: Record<string, unknown>,
  ) {
    super(String(payload['message'] ?? status));
  }
}

function basicError(status: number, message: string, doc: string = DOCS): HttpError {
  return new HttpError(status, { message, documentation_url: doc, status: String(status) });
}

function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function nodeId(prefix: string, id: number): string {
  return `${prefix}_${Buffer.from(`fake:${id}`).toString('base64url')}`;
}

export async function startGitHubFake(opts: GitHubFakeOptions = {}): Promise<GitHubFake> {
  const tokens: Record<string, FakeTokenInfo> = opts.tokens ?? {
    ghs_fake_installation_token: { kind: 'installation', login: 'github-actions[bot]' },
  };
  const host = opts.host ?? '127.0.0.1';
  const requests: FakeRequest[] = [];
  const threads = new Map<string, FakeComment[]>();
  const users = new Map<string, FakeUser>();
  let nextCommentId = 2_000_000_001;
  let nextUserId = 1_000;
  let readOnly = false;
  let baseUrl = '';

  const threadKey = (owner: string, repo: string, issue: number): string =>
    `${owner.toLowerCase()}/${repo.toLowerCase()}#${issue}`;

  function userFor(login: string): FakeUser {
    const existing = users.get(login.toLowerCase());
    if (existing) return existing;
    const bot = /\[bot\]$/i.test(login);
    const id = login === 'github-actions[bot]' ? GITHUB_ACTIONS_BOT_ID : nextUserId++;
    const api = `${baseUrl}/users/${encodeURIComponent(login)}`;
    const user: FakeUser = {
      login,
      id,
      node_id: nodeId(bot ? 'BOT' : 'U', id),
      avatar_url: `https://avatars.githubusercontent.com/${bot ? 'in/15368' : `u/${id}`}?v=4`,
      gravatar_id: '',
      url: api,
      html_url: bot ? `${WEB}/apps/${login.replace(/\[bot\]$/i, '')}` : `${WEB}/${login}`,
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: bot ? 'Bot' : 'User',
      user_view_type: 'public',
      site_admin: false,
    };
    users.set(login.toLowerCase(), user);
    return user;
  }

  function appFor(login: string): Record<string, unknown> | null {
    if (!/\[bot\]$/i.test(login)) return null;
    const slug = login.replace(/\[bot\]$/i, '');
    const owner = userFor('github');
    return {
      id: 15_368,
      slug,
      node_id: 'MDM6QXBwMTUzNjg=',
      client_id: 'Iv1.fake0000000000',
      owner,
      name: slug === 'github-actions' ? 'GitHub Actions' : slug,
      description: 'Automate your workflow from idea to production',
      external_url: 'https://help.github.com/en/actions',
      html_url: `${WEB}/apps/${slug}`,
      created_at: '2018-07-30T09:30:17Z',
      updated_at: '2024-04-10T20:33:16Z',
      permissions: { issues: 'write', metadata: 'read', pull_requests: 'write' },
      events: [],
    };
  }

  function makeComment(owner: string, repo: string, issue: number, body: string, login: string): FakeComment {
    const id = nextCommentId++;
    const now = timestamp();
    const comment: FakeComment = {
      id,
      node_id: nodeId('IC', id),
      url: `${baseUrl}/repos/${owner}/${repo}/issues/comments/${id}`,
      html_url: `${WEB}/${owner}/${repo}/pull/${issue}#issuecomment-${id}`,
      issue_url: `${baseUrl}/repos/${owner}/${repo}/issues/${issue}`,
      body,
      user: userFor(login),
      created_at: now,
      updated_at: now,
      author_association: /\[bot\]$/i.test(login)
        ? 'NONE'
        : login.toLowerCase() === owner.toLowerCase()
          ? 'OWNER'
          : 'CONTRIBUTOR',
      performed_via_github_app: appFor(login),
      reactions: {
        url: `${baseUrl}/repos/${owner}/${repo}/issues/comments/${id}/reactions`,
        total_count: 0,
        '+1': 0,
        '-1': 0,
        laugh: 0,
        hooray: 0,
        confused: 0,
        heart: 0,
        rocket: 0,
        eyes: 0,
      },
    };
    const key = threadKey(owner, repo, issue);
    const list = threads.get(key) ?? [];
    list.push(comment);
    threads.set(key, list);
    return comment;
  }

  function findComment(owner: string, repo: string, id: number): { list: FakeComment[]; index: number } | null {
    const prefix = `${owner.toLowerCase()}/${repo.toLowerCase()}#`;
    for (const [key, list] of threads) {
      if (!key.startsWith(prefix)) continue;
      const index = list.findIndex((c) => c.id === id);
      if (index >= 0) return { list, index };
    }
    return null;
  }

  function authenticate(req: IncomingMessage): FakeTokenInfo {
    const header = req.headers.authorization ?? '';
    const m = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header);
    if (!m) throw basicError(401, 'Requires authentication');
    const info = tokens[m[1] as string];
    if (!info) throw basicError(401, 'Bad credentials');
    return info;
  }

  function parseJson(raw: string): Record<string, unknown> {
    let parsed: unknown;
    try {
      parsed = raw === '' ? {} : JSON.parse(raw);
    } catch {
      throw new HttpError(400, { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' });
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new HttpError(400, { message: 'Body should be a JSON object', documentation_url: DOCS, status: '400' });
    }
    return parsed as Record<string, unknown>;
  }

  function commentBody(payload: Record<string, unknown>, doc: string): string {
    const body = payload['body'];
    if (typeof body !== 'string') {
      throw new HttpError(422, {
        message: `Invalid request.\n\n"body" wasn't supplied.`,
        documentation_url: doc,
        status: '422',
      });
    }
    if (body.length > BODY_LIMIT) {
      throw new HttpError(422, {
        message: 'Validation Failed',
        errors: [
          {
            resource: 'IssueComment',
            code: 'custom',
            field: 'body',
            message: `body is too long (maximum is ${BODY_LIMIT} characters)`,
          },
        ],
        documentation_url: doc,
        status: '422',
      });
    }
    return body;
  }

  function requireWrite(doc: string): void {
    if (readOnly) throw basicError(403, 'Resource not accessible by integration', doc);
  }

  interface Reply {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
  }

  function route(method: string, url: URL, raw: string, who: FakeTokenInfo): Reply {
    const path = url.pathname.replace(/\/+$/, '');
    let m: RegExpExecArray | null;

    if (path === '/user' && method === 'GET') {
      const doc = `${DOCS}/users/users#get-the-authenticated-user`;
      if (who.kind === 'installation') throw basicError(403, 'Resource not accessible by integration', doc);
      const user = userFor(who.login);
      const created = '2011-01-25T18:44:36Z';
      return {
        status: 200,
        body: {
          ...user,
          name: null,
          company: null,
          blog: '',
          location: null,
          email: null,
          hireable: null,
          bio: null,
          twitter_username: null,
          notification_email: null,
          public_repos: 2,
          public_gists: 0,
          followers: 0,
          following: 0,
          created_at: created,
          updated_at: created,
          private_gists: 0,
          total_private_repos: 0,
          owned_private_repos: 0,
          disk_usage: 0,
          collaborators: 0,
          two_factor_authentication: true,
        },
      };
    }

    if (path === '/graphql' && method === 'POST') {
      const payload = parseJson(raw);
      const query = typeof payload['query'] === 'string' ? payload['query'] : '';
      if (/\bviewer\s*\{[^}]*\blogin\b/.test(query))
        return { status: 200, body: { data: { viewer: { login: who.login } } } };
      return {
        status: 200,
        body: {
          errors: [
            { message: 'This fake only answers `query { viewer { login } }`', locations: [{ line: 1, column: 1 }] },
          ],
        },
      };
    }

    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path))) {
      const owner = decodeURIComponent(m[1] as string);
      const repo = decodeURIComponent(m[2] as string);
      const issue = Number(m[3]);
      if (method === 'GET') return listComments(url, owner, repo, issue);
      if (method === 'POST') {
        const doc = `${DOCS}/issues/comments#create-an-issue-comment`;
        requireWrite(doc);
        const body = commentBody(parseJson(raw), doc);
        const comment = makeComment(owner, repo, issue, body, who.login);
        return { status: 201, body: comment, headers: { location: comment.url } };
      }
    }

    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(path))) {
      const owner = decodeURIComponent(m[1] as string);
      const repo = decodeURIComponent(m[2] as string);
      const found = findComment(owner, repo, Number(m[3]));
      if (method === 'GET') {
        if (!found) throw basicError(404, 'Not Found', `${DOCS}/issues/comments#get-an-issue-comment`);
        return { status: 200, body: found.list[found.index] };
      }
      if (method === 'PATCH') {
        const doc = `${DOCS}/issues/comments#update-an-issue-comment`;
        requireWrite(doc);
        if (!found) throw basicError(404, 'Not Found', doc);
        const body = commentBody(parseJson(raw), doc);
        const comment = found.list[found.index] as FakeComment;
        comment.body = body;
        comment.updated_at = timestamp();
        return { status: 200, body: comment };
      }
      if (method === 'DELETE') {
        const doc = `${DOCS}/issues/comments#delete-an-issue-comment`;
        requireWrite(doc);
        if (!found) throw basicError(404, 'Not Found', doc);
        found.list.splice(found.index, 1);
        return { status: 204 };
      }
    }

    throw basicError(404, 'Not Found');
  }

  function listComments(url: URL, owner: string, repo: string, issue: number): Reply {
    const perPageRaw = Number(url.searchParams.get('per_page') ?? '30');
    const perPage = Number.isFinite(perPageRaw) && perPageRaw >= 1 ? Math.min(100, Math.floor(perPageRaw)) : 30;
    const pageRaw = Number(url.searchParams.get('page') ?? '1');
    const page = Number.isFinite(pageRaw) && pageRaw >= 1 ? Math.floor(pageRaw) : 1;
    let all = threads.get(threadKey(owner, repo, issue)) ?? [];
    const since = url.searchParams.get('since');
    if (since) {
      const t = Date.parse(since);
      if (Number.isFinite(t)) all = all.filter((c) => Date.parse(c.updated_at) >= t);
    }
    const lastPage = Math.max(1, Math.ceil(all.length / perPage));
    const items = all.slice((page - 1) * perPage, page * perPage);

    const link = (p: number, rel: string): string => {
      const u = new URL(`${baseUrl}${url.pathname}`);
      for (const [k, v] of url.searchParams) if (k !== 'page') u.searchParams.set(k, v);
      u.searchParams.set('page', String(p));
      return `<${u.href}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(Math.min(page - 1, lastPage), 'prev'));
    if (page < lastPage) links.push(link(page + 1, 'next'), link(lastPage, 'last'));
    if (page > 1) links.push(link(1, 'first'));
    return { status: 200, body: items, headers: links.length > 0 ? { link: links.join(', ') } : {} };
  }

  function send(res: ServerResponse, reply: Reply): void {
    const headers: Record<string, string> = {
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': randomUUID().toUpperCase(),
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-used': '1',
      'x-ratelimit-resource': 'core',
      ...(reply.headers ?? {}),
    };
    if (reply.status === 204 || reply.body === undefined) {
      res.writeHead(reply.status, headers);
      res.end();
      return;
    }
    const text = JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      ...headers,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(text)),
    });
    res.end(text);
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const method = (req.method ?? 'GET').toUpperCase();
      const url = new URL(req.url ?? '/', baseUrl);
      let reply: Reply;
      try {
        const who = authenticate(req);
        reply = route(method, url, raw, who);
      } catch (err) {
        reply =
          err instanceof HttpError
            ? { status: err.status, body: err.payload }
            : { status: 500, body: { message: String(err) } };
      }
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      requests.push({ method, path: `${url.pathname}${url.search}`, headers, body: raw, status: reply.status });
      send(res, reply);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${urlHost}:${address.port}`;

  return {
    url: baseUrl,
    requests,
    comments: (owner, repo, issue) => (threads.get(threadKey(owner, repo, issue)) ?? []).map((c) => structuredClone(c)),
    addComment: (owner, repo, issue, body, login) => structuredClone(makeComment(owner, repo, issue, body, login)),
    setReadOnly: (value) => {
      readOnly = value;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
