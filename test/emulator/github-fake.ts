/**
 * A small, faithful-enough fake of GitHub's REST API for issue comments, on a real loopback
 * HTTP server: list (paginated, with a real `Link` header), create, get, edit, delete, plus
 * `GET /user` and GraphQL `viewer { login }`. Response shapes follow `@octokit/openapi`.
 *
 * Every request is checked against GitHub's published REST description (`@octokit/openapi`,
 * the operations below): the method must be described for the path, path parameters must have
 * the described type, query parameters must be described and well typed, and a JSON body must
 * match the operation's request schema. Problems are recorded in `violations`; an invalid body
 * or query value is answered 422 as GitHub does, a path the description does not have 404.
 */

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

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

export interface FakePullRequestSpec {
  number: number;
  headSha: string;
  /** `owner/repo` of the head branch; default: the base repository (not a fork). */
  headRepo?: string;
  title?: string;
  ref?: string;
}

export interface FakeStatus {
  id: number;
  state: 'pending' | 'success' | 'failure' | 'error';
  context: string;
  description: string | null;
  target_url: string | null;
  creator: FakeUser;
  created_at: string;
  updated_at: string;
}

interface FakePull extends FakePullRequestSpec {
  state: 'open' | 'closed';
  merged: boolean;
  created: string;
}

export interface FakeRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  status: number;
}

/** A request that does not follow GitHub's REST description. */
export interface FakeViolation {
  method: string;
  path: string;
  /** `issues/create-comment`..., or null when no described operation matched. */
  operation: string | null;
  problems: string[];
}

export interface GitHubFake {
  /** Use as GITHUB_API_URL. */
  url: string;
  requests: FakeRequest[];
  /** Requests that broke the REST description (tests assert this stays empty). */
  violations: FakeViolation[];
  comments(owner: string, repo: string, issue: number): FakeComment[];
  addComment(owner: string, repo: string, issue: number, body: string, login: string): FakeComment;
  /** Opens a pull request (listed by `GET /repos/{owner}/{repo}/pulls?state=open`). */
  addPullRequest(owner: string, repo: string, pr: FakePullRequestSpec): void;
  /** Closes it (merged or not): it leaves the open list. */
  closePullRequest(owner: string, repo: string, number: number, merged?: boolean): void;
  /** The commit statuses set on `sha`, oldest first. */
  statuses(owner: string, repo: string, sha: string): FakeStatus[];
  /** Writes answer 403 "Resource not accessible by integration", as for a fork PR's token. */
  setReadOnly(readOnly: boolean): void;
  /** The next `times` (default 1) requests matching `method` and `path` answer `status`. */
  failNext(rule: { method?: string; path: string | RegExp; status: number; message?: string; times?: number }): void;
  /** The next `times` (default: all) requests matching `method` and `path` are never answered (until close). */
  hang(rule: { method?: string; path: string | RegExp; times?: number }): void;
  /** How many requests `hang` holds unanswered right now. */
  hanging(): number;
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

// ---- the REST description ------------------------------------------------------------------

/** The operations this fake serves, as GitHub's description names them. */
const DESCRIBED: [method: string, template: string][] = [
  ['get', '/user'],
  ['get', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['post', '/repos/{owner}/{repo}/issues/{issue_number}/comments'],
  ['get', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['patch', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['delete', '/repos/{owner}/{repo}/issues/comments/{comment_id}'],
  ['get', '/repos/{owner}/{repo}/pulls'],
  ['post', '/repos/{owner}/{repo}/statuses/{sha}'],
  ['get', '/repos/{owner}/{repo}/commits/{ref}/statuses'],
];

type Json = Record<string, unknown>;

interface ParamSpec {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Json;
}

interface OperationSpec {
  id: string;
  method: string;
  template: string;
  pattern: RegExp;
  names: string[];
  params: ParamSpec[];
  body: { required: boolean; validate: ValidateFunction; properties: Set<string> | null } | null;
}

let described: OperationSpec[] | null = null;

/** Reads the operations above from @octokit/openapi once per process (~0.2 s), resolving `$ref`s. */
function describedOperations(): OperationSpec[] {
  if (described) return described;
  const require = createRequire(import.meta.url);
  const spec = JSON.parse(
    readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.json'), 'utf8'),
  ) as Json;
  const deref = (value: unknown, depth = 0): unknown => {
    if (depth > 40 || typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return value.map((v) => deref(v, depth + 1));
    const ref = (value as Json)['$ref'];
    if (typeof ref === 'string' && ref.startsWith('#/')) {
      let node: unknown = spec;
      for (const part of ref.slice(2).split('/')) node = (node as Json)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
      return deref(node, depth + 1);
    }
    return Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, deref(v, depth + 1)]));
  };
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const paths = spec['paths'] as Record<string, Record<string, Json>>;
  described = DESCRIBED.map(([method, template]) => {
    const raw = paths[template]?.[method];
    // Only what describes the request (responses are large and not needed here).
    const op = raw
      ? {
          operationId: raw['operationId'],
          parameters: deref(raw['parameters']),
          requestBody: deref(raw['requestBody']),
        }
      : undefined;
    if (!op) throw new Error(`@octokit/openapi does not describe ${method.toUpperCase()} ${template}`);
    const names: string[] = [];
    const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{(\w+)\\?\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    const params = ((op['parameters'] as Json[] | undefined) ?? []).map((p) => ({
      name: String(p['name']),
      in: p['in'] as ParamSpec['in'],
      required: p['required'] === true,
      schema: (p['schema'] as Json | undefined) ?? {},
    }));
    const requestBody = op['requestBody'] as Json | undefined;
    const schema = (requestBody?.['content'] as Json | undefined)?.['application/json'] as Json | undefined;
    let body: OperationSpec['body'] = null;
    if (schema?.['schema']) {
      const s = schema['schema'] as Json;
      const props = s['properties'] as Json | undefined;
      body = {
        required: requestBody?.['required'] === true,
        validate: ajv.compile(s),
        properties: props ? new Set(Object.keys(props)) : null,
      };
    }
    return { id: String(op['operationId']), method, template, pattern: new RegExp(`^${source}$`), names, params, body };
  });
  return described;
}

/** A query or path value against its parameter schema (the types these operations use). */
function paramProblem(value: string, schema: Json): string | null {
  const type = schema['type'];
  if (type === 'integer') {
    if (!/^-?\d+$/.test(value)) return `${JSON.stringify(value)} is not an integer`;
    const n = Number(value);
    if (typeof schema['minimum'] === 'number' && n < schema['minimum']) return `${value} is below ${schema['minimum']}`;
    if (typeof schema['maximum'] === 'number' && n > schema['maximum']) return `${value} is above ${schema['maximum']}`;
    return null;
  }
  if (type === 'boolean') return /^(true|false)$/.test(value) ? null : `${JSON.stringify(value)} is not a boolean`;
  if (type === 'string') {
    if (Array.isArray(schema['enum']) && !schema['enum'].includes(value))
      return `${JSON.stringify(value)} is not one of ${schema['enum'].join(', ')}`;
    if (
      schema['format'] === 'date-time' &&
      !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)
    )
      return `${JSON.stringify(value)} is not an ISO 8601 date-time`;
    return value === '' ? 'is empty' : null;
  }
  return null;
}

interface RequestCheck {
  operation: string | null;
  problems: string[];
  /** How GitHub answers this request, when it does not reach the route at all. */
  reject: { status: number; message: string } | null;
}

/**
 * Checks one request against the description. `/graphql` is not part of the REST description: it
 * is checked for the shape of a GraphQL request (`query` string, optional `variables` object).
 */
function checkRequest(method: string, url: URL, raw: string): RequestCheck {
  const path = url.pathname;
  const lower = method.toLowerCase();
  if (path === '/graphql') {
    const problems: string[] = [];
    if (lower !== 'post') problems.push(`GraphQL takes POST, not ${method}`);
    let payload: unknown;
    try {
      payload = JSON.parse(raw);
    } catch {
      problems.push('GraphQL body is not JSON');
    }
    const obj = typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Json) : null;
    if (payload !== undefined && !obj) problems.push('GraphQL body is not a JSON object');
    if (obj && typeof obj['query'] !== 'string') problems.push('GraphQL body has no `query` string');
    const vars = obj?.['variables'];
    if (vars !== undefined && (typeof vars !== 'object' || vars === null || Array.isArray(vars)))
      problems.push('GraphQL `variables` is not an object');
    for (const k of Object.keys(obj ?? {}))
      if (!['query', 'variables', 'operationName'].includes(k))
        problems.push(`GraphQL body has unknown field \`${k}\``);
    return { operation: 'graphql', problems, reject: null };
  }

  const ops = describedOperations();
  const onPath = ops
    .map((op) => ({ op, m: op.pattern.exec(path) }))
    .filter((x): x is { op: OperationSpec; m: RegExpExecArray } => x.m !== null);
  if (onPath.length === 0)
    return {
      operation: null,
      problems: [`no described operation for ${path}`],
      reject: { status: 404, message: 'Not Found' },
    };
  const hit = onPath.find((x) => x.op.method === lower);
  if (!hit) {
    const allowed = onPath.map((x) => x.op.method.toUpperCase()).join(', ');
    return {
      operation: null,
      problems: [`${method} is not described for ${onPath[0]?.op.template} (described: ${allowed})`],
      reject: { status: 404, message: 'Not Found' },
    };
  }

  const { op, m } = hit;
  const problems: string[] = [];
  let reject: RequestCheck['reject'] = null;
  // Path parameters: GitHub's router only matches well-typed values (a non-numeric id is a 404).
  op.names.forEach((name, i) => {
    const spec = op.params.find((p) => p.in === 'path' && p.name === name);
    const value = decodeURIComponent(m[i + 1] ?? '');
    const problem = spec ? paramProblem(value, spec.schema) : `path parameter ${name} is not described`;
    if (problem) {
      problems.push(`path parameter ${name}: ${problem}`);
      reject ??= { status: 404, message: 'Not Found' };
    }
  });
  // Query parameters: each must be described and well typed.
  for (const [name, value] of url.searchParams) {
    const spec = op.params.find((p) => p.in === 'query' && p.name === name);
    if (!spec) {
      problems.push(`query parameter ${name} is not described for ${op.id}`);
      continue;
    }
    const problem = paramProblem(value, spec.schema);
    if (problem) {
      problems.push(`query parameter ${name}: ${problem}`);
      reject ??= { status: 422, message: `Invalid request.\n\nFor '${name}', ${problem}.` };
    }
  }
  for (const p of op.params)
    if (p.in === 'query' && p.required && !url.searchParams.has(p.name))
      problems.push(`query parameter ${p.name} is required`);
  // Body.
  if (!op.body) {
    if (raw.trim() !== '') problems.push(`${op.id} takes no request body`);
  } else if (raw.trim() === '') {
    if (op.body.required) {
      problems.push(`${op.id} requires a JSON body`);
      reject ??= { status: 422, message: 'Invalid request.\n\nNo body was supplied.' };
    }
  } else {
    let payload: unknown;
    try {
      payload = JSON.parse(raw);
    } catch {
      problems.push('request body is not JSON');
      reject ??= { status: 400, message: 'Problems parsing JSON' };
    }
    if (payload !== undefined && !op.body.validate(payload)) {
      const messages = (op.body.validate.errors ?? []).map((e) => {
        if (e.keyword === 'required') return `"${String(e.params['missingProperty'])}" wasn't supplied.`;
        const where = e.instancePath.replace(/^\//, '').split('/').filter(Boolean);
        const at = where.length ? `'properties/${where.join('/properties/')}'` : "'body'";
        return `For ${at}, ${JSON.stringify(valueAt(payload, where))} ${ajvWording(e)}.`;
      });
      problems.push(...messages.map((msg) => `body: ${msg}`));
      reject ??= { status: 422, message: `Invalid request.\n\n${messages.join('\n')}` };
    }
    const props = op.body.properties;
    if (props && typeof payload === 'object' && payload !== null && !Array.isArray(payload))
      for (const k of Object.keys(payload))
        if (!props.has(k)) problems.push(`body field ${k} is not described for ${op.id}`);
  }
  return { operation: op.id, problems, reject };
}

/** GitHub's wording for a schema violation (`5 is not a string`). */
function ajvWording(e: { keyword: string; params: Record<string, unknown>; message?: string }): string {
  if (e.keyword === 'type') {
    const type = String(e.params['type']);
    return `is not ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
  }
  return e.message ?? 'is invalid';
}

function valueAt(value: unknown, path: string[]): unknown {
  let node = value;
  for (const k of path) node = typeof node === 'object' && node !== null ? (node as Json)[k] : undefined;
  return node;
}

export async function startGitHubFake(opts: GitHubFakeOptions = {}): Promise<GitHubFake> {
  const tokens: Record<string, FakeTokenInfo> = opts.tokens ?? {
    ghs_fake_installation_token: { kind: 'installation', login: 'github-actions[bot]' },
  };
  const host = opts.host ?? '127.0.0.1';
  describedOperations(); // fail at start, not on the first request, if the description is missing
  const requests: FakeRequest[] = [];
  const violations: FakeViolation[] = [];
  const threads = new Map<string, FakeComment[]>();
  const users = new Map<string, FakeUser>();
  const pulls = new Map<string, FakePull[]>();
  const commitStatuses = new Map<string, FakeStatus[]>();
  let nextStatusId = 30_000_000_001;
  let nextCommentId = 2_000_000_001;
  let nextUserId = 1_000;
  let readOnly = false;
  const failures: { method?: string; path: string | RegExp; status: number; message?: string; times: number }[] = [];
  let baseUrl = '';
  const hangs: { method?: string; path: string | RegExp; times: number }[] = [];
  let held = 0;

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

    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/pulls$/.exec(path)) && method === 'GET') {
      const owner = decodeURIComponent(m[1] as string);
      const repo = decodeURIComponent(m[2] as string);
      const state = url.searchParams.get('state') ?? 'open';
      const all = (pulls.get(repoKey(owner, repo)) ?? [])
        .filter((p) => state === 'all' || p.state === state)
        .sort((a, b) => b.number - a.number)
        .map((p) => renderPull(owner, repo, p));
      return paginate(url, all);
    }

    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/statuses\/([^/]+)$/.exec(path)) && method === 'POST') {
      const owner = decodeURIComponent(m[1] as string);
      const repo = decodeURIComponent(m[2] as string);
      const sha = decodeURIComponent(m[3] as string);
      const doc = `${DOCS}/commits/statuses#create-a-commit-status`;
      requireWrite(doc);
      if (!/^[0-9a-f]{40}$/.test(sha))
        throw new HttpError(422, { message: `No commit found for SHA: ${sha}`, documentation_url: doc, status: '422' });
      const payload = parseJson(raw);
      const now = timestamp();
      const status: FakeStatus = {
        id: nextStatusId++,
        state: payload['state'] as FakeStatus['state'],
        context: typeof payload['context'] === 'string' ? payload['context'] : 'default',
        description: typeof payload['description'] === 'string' ? payload['description'] : null,
        target_url: typeof payload['target_url'] === 'string' ? payload['target_url'] : null,
        creator: userFor(who.login),
        created_at: now,
        updated_at: now,
      };
      const key = `${repoKey(owner, repo)}@${sha}`;
      commitStatuses.set(key, [...(commitStatuses.get(key) ?? []), status]);
      return {
        status: 201,
        body: {
          url: `${baseUrl}/repos/${owner}/${repo}/statuses/${sha}`,
          node_id: nodeId('SC', status.id),
          avatar_url: status.creator.avatar_url,
          ...status,
        },
      };
    }

    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/commits\/([^/]+)\/statuses$/.exec(path)) && method === 'GET') {
      const key = `${repoKey(decodeURIComponent(m[1] as string), decodeURIComponent(m[2] as string))}@${decodeURIComponent(m[3] as string)}`;
      return paginate(url, [...(commitStatuses.get(key) ?? [])].reverse());
    }

    throw basicError(404, 'Not Found');
  }

  function repoKey(owner: string, repo: string): string {
    return `${owner.toLowerCase()}/${repo.toLowerCase()}`;
  }

  function renderPull(owner: string, repo: string, p: FakePull): Record<string, unknown> {
    const full = `${owner}/${repo}`;
    const headFull = p.headRepo ?? full;
    const [headOwner = owner, headName = repo] = headFull.split('/');
    const repoOf = (o: string, n: string): Record<string, unknown> => ({
      id: 1_000 + o.length + n.length,
      name: n,
      full_name: `${o}/${n}`,
      owner: userFor(o),
      private: false,
      html_url: `${WEB}/${o}/${n}`,
      url: `${baseUrl}/repos/${o}/${n}`,
    });
    return {
      url: `${baseUrl}/repos/${full}/pulls/${p.number}`,
      id: 500_000 + p.number,
      node_id: nodeId('PR', p.number),
      html_url: `${WEB}/${full}/pull/${p.number}`,
      number: p.number,
      state: p.state,
      locked: false,
      title: p.title ?? `Pull request ${p.number}`,
      user: userFor(headOwner),
      body: null,
      created_at: p.created,
      updated_at: p.created,
      closed_at: p.state === 'closed' ? timestamp() : null,
      merged_at: p.merged ? timestamp() : null,
      draft: false,
      head: {
        label: `${headOwner}:${p.ref ?? `branch-${p.number}`}`,
        ref: p.ref ?? `branch-${p.number}`,
        sha: p.headSha,
        user: userFor(headOwner),
        repo: repoOf(headOwner, headName),
      },
      base: {
        label: `${owner}:main`,
        ref: 'main',
        sha: '0'.repeat(40),
        user: userFor(owner),
        repo: repoOf(owner, repo),
      },
      author_association: 'CONTRIBUTOR',
    };
  }

  /** One page of `all`, with GitHub's `Link` header. */
  function paginate(url: URL, all: unknown[]): Reply {
    const perPageRaw = Number(url.searchParams.get('per_page') ?? '30');
    const perPage = Number.isFinite(perPageRaw) && perPageRaw >= 1 ? Math.min(100, Math.floor(perPageRaw)) : 30;
    const pageRaw = Number(url.searchParams.get('page') ?? '1');
    const page = Number.isFinite(pageRaw) && pageRaw >= 1 ? Math.floor(pageRaw) : 1;
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

  function listComments(url: URL, owner: string, repo: string, issue: number): Reply {
    let all = threads.get(threadKey(owner, repo, issue)) ?? [];
    const since = url.searchParams.get('since');
    if (since) {
      const t = Date.parse(since);
      if (Number.isFinite(t)) all = all.filter((c) => Date.parse(c.updated_at) >= t);
    }
    return paginate(url, all);
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
      const hang = hangs.find(
        (h) =>
          h.times > 0 &&
          (!h.method || h.method.toUpperCase() === method) &&
          (typeof h.path === 'string' ? url.pathname === h.path : h.path.test(url.pathname)),
      );
      if (hang) {
        hang.times--;
        held++;
        res.on('close', () => held--);
        requests.push({ method, path: `${url.pathname}${url.search}`, headers: {}, body: raw, status: 0 });
        return;
      }
      let reply: Reply;
      try {
        const check = checkRequest(method, url, raw);
        if (check.problems.length > 0)
          violations.push({
            method,
            path: `${url.pathname}${url.search}`,
            operation: check.operation,
            problems: check.problems,
          });
        const who = authenticate(req);
        const failure = failures.find(
          (f) =>
            f.times > 0 &&
            (!f.method || f.method.toUpperCase() === method) &&
            (typeof f.path === 'string' ? url.pathname === f.path : f.path.test(url.pathname)),
        );
        if (failure) {
          failure.times--;
          throw basicError(failure.status, failure.message ?? (failure.status >= 500 ? 'Server Error' : 'Error'));
        }
        if (check.reject) {
          const { status, message } = check.reject;
          throw new HttpError(status, { message, documentation_url: DOCS, status: String(status) });
        }
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
    violations,
    comments: (owner, repo, issue) => (threads.get(threadKey(owner, repo, issue)) ?? []).map((c) => structuredClone(c)),
    addComment: (owner, repo, issue, body, login) => structuredClone(makeComment(owner, repo, issue, body, login)),
    addPullRequest: (owner, repo, pr) => {
      const key = repoKey(owner, repo);
      const list = (pulls.get(key) ?? []).filter((p) => p.number !== pr.number);
      pulls.set(key, [...list, { ...pr, state: 'open', merged: false, created: timestamp() }]);
    },
    closePullRequest: (owner, repo, number, merged = false) => {
      const p = pulls.get(repoKey(owner, repo))?.find((x) => x.number === number);
      if (!p) throw new Error(`no pull request #${number} in ${owner}/${repo}`);
      p.state = 'closed';
      p.merged = merged;
    },
    statuses: (owner, repo, sha) => structuredClone(commitStatuses.get(`${repoKey(owner, repo)}@${sha}`) ?? []),
    setReadOnly: (value) => {
      readOnly = value;
    },
    failNext: (rule) => {
      failures.push({ ...rule, times: rule.times ?? 1 });
    },
    hang: (rule) => {
      hangs.push({ ...rule, times: rule.times ?? Infinity });
    },
    hanging: () => held,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
