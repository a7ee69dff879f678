/** The fake's requests and responses checked against GitHub's own OpenAPI description. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv, type ValidateFunction } from 'ajv';
import { startGitHubFake, type GitHubFake } from '../../emulator/github-fake.js';

type Json = Record<string, any>;

const require = createRequire(import.meta.url);
const spec = JSON.parse(
  readFileSync(require.resolve('@octokit/openapi/generated/api.github.com.deref.json'), 'utf8'),
) as Json;
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const cache = new Map<string, ValidateFunction>();

function schemaFor(path: string, method: string, status: number): ValidateFunction {
  const key = `${method} ${path} ${status}`;
  let v = cache.get(key);
  if (!v) {
    const op = spec['paths'][path]?.[method];
    const schema = op?.responses?.[String(status)]?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`no schema for ${key}`);
    v = ajv.compile(schema);
    cache.set(key, v);
  }
  return v;
}

function requestSchema(path: string, method: string): ValidateFunction {
  return ajv.compile(spec['paths'][path][method].requestBody.content['application/json'].schema);
}

const TOKEN = 'ghs_fake_installation_token';
let gh: GitHubFake;
beforeAll(async () => {
  gh = await startGitHubFake({
    tokens: {
      [TOKEN]: { kind: 'installation', login: 'github-actions[bot]' },
      ghp_user: { kind: 'user', login: 'alice' },
    },
  });
});
afterAll(async () => {
  await gh.close();
});

async function call(method: string, path: string, body?: unknown, token = TOKEN) {
  const res = await fetch(`${gh.url}${path}`, {
    method,
    headers: {
      authorization: `token ${token}`,
      accept: 'application/vnd.github+json',
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? (JSON.parse(text) as unknown) : undefined };
}

function expectValid(v: ValidateFunction, data: unknown): void {
  const ok = v(data);
  expect(ok, JSON.stringify(v.errors?.slice(0, 5))).toBe(true);
}

const LIST = '/repos/{owner}/{repo}/issues/{issue_number}/comments';
const ONE = '/repos/{owner}/{repo}/issues/comments/{comment_id}';

describe('GitHub fake vs @octokit/openapi', () => {
  it('create: request and 201 response match, with a Location header', async () => {
    const body = { body: 'hello' };
    expectValid(requestSchema(LIST, 'post'), body);
    const r = await call('POST', '/repos/octo/repo/issues/1/comments', body);
    expect(r.status).toBe(201);
    expectValid(schemaFor(LIST, 'post', 201), r.json);
    expect(r.headers.get('location')).toBe((r.json as Json)['url']);
  });

  it('list: 200 response matches; Link header pages through', async () => {
    for (let i = 0; i < 74; i++) gh.addComment('octo', 'repo', 2, `c${i}`, i % 3 ? 'alice' : 'github-actions[bot]');
    const first = await call('GET', '/repos/octo/repo/issues/2/comments?per_page=30');
    expect(first.status).toBe(200);
    expectValid(schemaFor(LIST, 'get', 200), first.json);
    expect((first.json as unknown[]).length).toBe(30);
    const link = first.headers.get('link') ?? '';
    expect(link).toBe(
      `<${gh.url}/repos/octo/repo/issues/2/comments?per_page=30&page=2>; rel="next", <${gh.url}/repos/octo/repo/issues/2/comments?per_page=30&page=3>; rel="last"`,
    );
    const last = await call('GET', '/repos/octo/repo/issues/2/comments?per_page=30&page=3');
    expect((last.json as unknown[]).length).toBe(14);
    expect(last.headers.get('link')).toContain('rel="prev"');
    expect(last.headers.get('link')).not.toContain('rel="next"');
    const capped = await call('GET', '/repos/octo/repo/issues/2/comments?per_page=500');
    expect((capped.json as unknown[]).length).toBe(74);
    const dflt = await call('GET', '/repos/octo/repo/issues/2/comments');
    expect((dflt.json as unknown[]).length).toBe(30);
  });

  it('get, update and delete one comment', async () => {
    const created = (await call('POST', '/repos/octo/repo/issues/3/comments', { body: 'v1' })).json as Json;
    const got = await call('GET', `/repos/octo/repo/issues/comments/${created['id']}`);
    expectValid(schemaFor(ONE, 'get', 200), got.json);
    expectValid(requestSchema(ONE, 'patch'), { body: 'v2' });
    const patched = await call('PATCH', `/repos/octo/repo/issues/comments/${created['id']}`, { body: 'v2' });
    expect(patched.status).toBe(200);
    expectValid(schemaFor(ONE, 'patch', 200), patched.json);
    expect((patched.json as Json)['body']).toBe('v2');
    const del = await call('DELETE', `/repos/octo/repo/issues/comments/${created['id']}`);
    expect(del.status).toBe(204);
    expect(del.json).toBeUndefined();
    const gone = await call('GET', `/repos/octo/repo/issues/comments/${created['id']}`);
    expect(gone.status).toBe(404);
    expectValid(schemaFor(ONE, 'get', 404), gone.json);
    // A comment id from another repository is not found there.
    const other = (await call('POST', '/repos/octo/repo/issues/3/comments', { body: 'x' })).json as Json;
    expect((await call('PATCH', `/repos/octo/elsewhere/issues/comments/${other['id']}`, { body: 'y' })).status).toBe(
      404,
    );
  });

  it('bodies over 65,536 characters get a 422 validation error', async () => {
    const r = await call('POST', '/repos/octo/repo/issues/4/comments', { body: 'x'.repeat(65_537) });
    expect(r.status).toBe(422);
    expectValid(schemaFor(LIST, 'post', 422), r.json);
    expect((r.json as Json)['errors'][0]).toMatchObject({ field: 'body', code: 'custom' });
    expect((await call('POST', '/repos/octo/repo/issues/4/comments', { body: 'x'.repeat(65_536) })).status).toBe(201);
  });

  it('read-only tokens get 403 on writes, reads still work', async () => {
    gh.setReadOnly(true);
    try {
      const r = await call('POST', '/repos/octo/repo/issues/5/comments', { body: 'x' });
      expect(r.status).toBe(403);
      expectValid(schemaFor(LIST, 'post', 403), r.json);
      expect((r.json as Json)['message']).toBe('Resource not accessible by integration');
      expect((await call('GET', '/repos/octo/repo/issues/5/comments')).status).toBe(200);
    } finally {
      gh.setReadOnly(false);
    }
  });

  it('GET /user: 403 for installation tokens, the user for user tokens', async () => {
    const inst = await call('GET', '/user');
    expect(inst.status).toBe(403);
    expectValid(schemaFor('/user', 'get', 403), inst.json);
    const user = await call('GET', '/user', undefined, 'ghp_user');
    expect(user.status).toBe(200);
    expectValid(schemaFor('/user', 'get', 200), user.json);
    expect((user.json as Json)['login']).toBe('alice');
  });

  it('GraphQL viewer answers the login', async () => {
    const r = await call('POST', '/graphql', { query: 'query { viewer { login } }' });
    expect(r.json).toEqual({ data: { viewer: { login: 'github-actions[bot]' } } });
  });

  it('rejects missing and unknown credentials with 401', async () => {
    const unknown = await call('GET', '/user', undefined, 'nope');
    expect(unknown.status).toBe(401);
    expect(unknown.json).toMatchObject({ message: 'Bad credentials' });
    expectValid(schemaFor('/user', 'get', 401), unknown.json);
    const none = await fetch(`${gh.url}/user`);
    expect(none.status).toBe(401);
    const bearer = await fetch(`${gh.url}/repos/octo/repo/issues/1/comments`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(bearer.status).toBe(200);
  });

  it('records requests', () => {
    const last = gh.requests[gh.requests.length - 1];
    expect(last).toMatchObject({ method: 'GET', path: '/repos/octo/repo/issues/1/comments', status: 200 });
    expect(last?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
  });
});

describe('GitHub fake checks requests against @octokit/openapi', () => {
  it('accepts what the description allows, recording nothing', async () => {
    const before = gh.violations.length;
    const created = (await call('POST', '/repos/octo/repo/issues/20/comments', { body: 'ok' })).json as Json;
    await call('GET', '/repos/octo/repo/issues/20/comments?per_page=100&page=1&since=2024-01-01T00:00:00Z');
    await call('PATCH', `/repos/octo/repo/issues/comments/${created['id']}`, { body: 'ok2' });
    await call('POST', '/graphql', { query: 'query { viewer { login } }', variables: {} });
    expect(gh.violations.slice(before)).toEqual([]);
  });

  it('answers 422 like GitHub for a body that breaks the request schema, and records it', async () => {
    const before = gh.violations.length;
    const missing = await call('POST', '/repos/octo/repo/issues/21/comments', { text: 'typo' });
    expect(missing.status).toBe(422);
    expectValid(schemaFor(LIST, 'post', 422), missing.json);
    expect((missing.json as Json)['message']).toBe(`Invalid request.\n\n"body" wasn't supplied.`);
    const wrongType = await call('POST', '/repos/octo/repo/issues/21/comments', { body: 5 });
    expect(wrongType.status).toBe(422);
    expect((wrongType.json as Json)['message']).toContain(`For 'properties/body', 5 is not a string.`);
    const created = (await call('POST', '/repos/octo/repo/issues/21/comments', { body: 'x' })).json as Json;
    const patch = await call('PATCH', `/repos/octo/repo/issues/comments/${created['id']}`, { body: null });
    expect(patch.status).toBe(422);
    expect(gh.comments('octo', 'repo', 21).map((c) => c.body)).toEqual(['x']);
    const found = gh.violations.slice(before);
    expect(found.map((v) => v.operation)).toEqual([
      'issues/create-comment',
      'issues/create-comment',
      'issues/update-comment',
    ]);
    expect(found[0]?.problems).toEqual([
      `body: "body" wasn't supplied.`,
      'body field text is not described for issues/create-comment',
    ]);
  });

  it('records bad query and path parameters, undescribed methods and paths', async () => {
    const before = gh.violations.length;
    expect((await call('GET', '/repos/octo/repo/issues/22/comments?per_page=lots')).status).toBe(422);
    expect((await call('GET', '/repos/octo/repo/issues/22/comments?since=yesterday')).status).toBe(422);
    // GitHub ignores unknown query parameters; the fake answers, but records the (likely) typo.
    expect((await call('GET', '/repos/octo/repo/issues/22/comments?perpage=100')).status).toBe(200);
    expect((await call('GET', '/repos/octo/repo/issues/abc/comments')).status).toBe(404);
    expect((await call('PUT', '/repos/octo/repo/issues/comments/1', { body: 'x' })).status).toBe(404);
    expect((await call('GET', '/repos/octo/repo/pulls/22/comments')).status).toBe(404);
    expect((await call('DELETE', '/repos/octo/repo/issues/comments/1', { body: 'x' })).status).toBe(404);
    const found = gh.violations.slice(before).map((v) => v.problems.join('; '));
    expect(found).toEqual([
      'query parameter per_page: "lots" is not an integer',
      'query parameter since: "yesterday" is not an ISO 8601 date-time',
      'query parameter perpage is not described for issues/list-comments',
      'path parameter issue_number: "abc" is not an integer',
      'PUT is not described for /repos/{owner}/{repo}/issues/comments/{comment_id} (described: GET, PATCH, DELETE)',
      'no described operation for /repos/octo/repo/pulls/22/comments',
      'issues/delete-comment takes no request body',
    ]);
  });

  it('checks the shape of GraphQL requests', async () => {
    const before = gh.violations.length;
    await call('POST', '/graphql', { q: 'viewer' });
    expect(gh.violations.slice(before)[0]?.problems).toEqual([
      'GraphQL body has no `query` string',
      'GraphQL body has unknown field `q`',
    ]);
  });
});
