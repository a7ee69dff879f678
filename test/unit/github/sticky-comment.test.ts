import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@actions/core', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@actions/core')>();
  return { ...actual, notice: vi.fn(), debug: vi.fn() };
});

import * as core from '@actions/core';
import { GITHUB_BODY_LIMIT, upsertStickyComment } from '../../../src/github/sticky-comment.js';
import { commentMarker } from '../../../src/github/marker.js';
import type { PullRequestTarget } from '../../../src/github/event.js';
import { startGitHubFake, type GitHubFake } from '../../emulator/github-fake.js';

const TOKEN = 'ghs_fake_installation_token';
const target: PullRequestTarget = { owner: 'octo', repo: 'repo', number: 7, isFork: false };
const MARKER = commentMarker('CI/tune');

let gh: GitHubFake;
beforeEach(async () => {
  gh = await startGitHubFake({
    tokens: {
      [TOKEN]: { kind: 'installation', login: 'github-actions[bot]' },
      ghs_other_app_token: { kind: 'installation', login: 'my-app[bot]' },
      ghp_alice_token: { kind: 'user', login: 'alice' },
    },
  });
  vi.mocked(core.notice).mockClear();
});
afterEach(async () => {
  // Every request the sticky comment made follows GitHub's REST description.
  const violations = gh.violations;
  await gh.close();
  expect(violations).toEqual([]);
});

const upsert = (body: string, over: Partial<Parameters<typeof upsertStickyComment>[0]> = {}) =>
  upsertStickyComment({ token: TOKEN, apiUrl: gh.url, target, marker: MARKER, body: `${MARKER}\n${body}`, ...over });

const writes = () => gh.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql');

describe('upsertStickyComment', () => {
  it('creates the comment, then edits it in place', async () => {
    const first = await upsert('started');
    expect(first).toMatchObject({ created: true });
    expect(first?.url).toBe(`https://github.com/octo/repo/pull/7#issuecomment-${first?.id}`);
    const second = await upsert('final');
    expect(second).toEqual({ url: first?.url, id: first?.id, created: false });
    const comments = gh.comments('octo', 'repo', 7);
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toBe(`${MARKER}\nfinal`);
    expect(comments[0]?.user.login).toBe('github-actions[bot]');
    expect(writes().map((r) => r.method)).toEqual(['POST', 'PATCH']);
    expect(gh.requests.every((r) => r.headers['authorization'] === `token ${TOKEN}`)).toBe(true);
  });

  it('edits directly when the comment id is known', async () => {
    const first = await upsert('started');
    const before = gh.requests.length;
    const second = await upsert('final', { commentId: first?.id });
    expect(second).toMatchObject({ id: first?.id, created: false });
    expect(gh.requests.slice(before).map((r) => `${r.method} ${r.path}`)).toEqual([
      `PATCH /repos/octo/repo/issues/comments/${first?.id}`,
    ]);
  });

  it('recreates the comment when the known one was deleted', async () => {
    const first = await upsert('started');
    await fetch(`${gh.url}/repos/octo/repo/issues/comments/${first?.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const second = await upsert('final', { commentId: first?.id });
    expect(second?.created).toBe(true);
    expect(gh.comments('octo', 'repo', 7)).toHaveLength(1);
  });

  it('ignores marker-bearing comments written by someone else, or with the marker quoted later', async () => {
    const forged = gh.addComment('octo', 'repo', 7, `${MARKER}\nforged by a user`, 'mallory');
    const quoted = gh.addComment('octo', 'repo', 7, `quoting: ${MARKER}`, 'github-actions[bot]');
    const r = await upsert('ours');
    expect(r?.created).toBe(true);
    const comments = gh.comments('octo', 'repo', 7);
    expect(comments).toHaveLength(3);
    expect(comments.find((c) => c.id === forged.id)?.body).toBe(`${MARKER}\nforged by a user`);
    expect(comments.find((c) => c.id === quoted.id)?.body).toBe(`quoting: ${MARKER}`);
  });

  it('finds its comment past the first 100 through pagination', async () => {
    for (let i = 0; i < 230; i++) gh.addComment('octo', 'repo', 7, `chatter ${i}`, i % 2 ? 'alice' : 'dependabot[bot]');
    const ours = gh.addComment('octo', 'repo', 7, `${MARKER}\nold`, 'github-actions[bot]');
    for (let i = 0; i < 20; i++) gh.addComment('octo', 'repo', 7, `more ${i}`, 'bob');
    const r = await upsert('new');
    expect(r).toMatchObject({ id: ours.id, created: false });
    const lists = gh.requests.filter(
      (q) => q.method === 'GET' && q.path.startsWith('/repos/octo/repo/issues/7/comments'),
    );
    expect(lists.map((q) => new URL(q.path, gh.url).searchParams.get('page') ?? '1')).toEqual(['1', '2', '3']);
    for (const q of lists) expect(new URL(q.path, gh.url).searchParams.get('per_page')).toBe('100');
    expect(gh.comments('octo', 'repo', 7).find((c) => c.id === ours.id)?.body).toBe(`${MARKER}\nnew`);
  });

  it('returns null with a notice when the token cannot write (fork pull request)', async () => {
    gh.setReadOnly(true);
    const r = await upsert('x', { target: { ...target, isFork: true } });
    expect(r).toBeNull();
    expect(core.notice).toHaveBeenCalledOnce();
    expect(String(vi.mocked(core.notice).mock.calls[0]?.[0])).toMatch(/fork.*Resource not accessible by integration/s);
    expect(gh.comments('octo', 'repo', 7)).toHaveLength(0);
  });

  it('returns null with a notice when an edit is forbidden', async () => {
    const first = await upsert('started');
    gh.setReadOnly(true);
    expect(await upsert('final', { commentId: first?.id })).toBeNull();
    expect(vi.mocked(core.notice).mock.calls[0]?.[0]).toMatch(/pull-requests: write/);
  });

  it('deletes its own duplicates (two runs that raced), keeping the oldest', async () => {
    const oldest = gh.addComment('octo', 'repo', 7, `${MARKER}\nrun A`, 'github-actions[bot]');
    const copy = gh.addComment('octo', 'repo', 7, `${MARKER}\nsomeone's copy`, 'alice');
    gh.addComment('octo', 'repo', 7, `${MARKER}\nrun B`, 'github-actions[bot]');
    const r = await upsert('run C');
    expect(r).toMatchObject({ id: oldest.id, created: false });
    expect(gh.comments('octo', 'repo', 7).map((c) => [c.id, c.body])).toEqual([
      [oldest.id, `${MARKER}\nrun C`],
      [copy.id, `${MARKER}\nsomeone's copy`],
    ]);
    expect(writes().map((q) => q.method)).toEqual(['DELETE', 'PATCH']);
  });

  it('throws a rate-limit 403 instead of calling it a missing permission', async () => {
    gh.failNext({
      method: 'POST',
      path: '/repos/octo/repo/issues/7/comments',
      status: 403,
      message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
    });
    await expect(upsert('x')).rejects.toMatchObject({ status: 403 });
    expect(core.notice).not.toHaveBeenCalled();
  });

  it('keeps one comment per key', async () => {
    const a = await upsert('a');
    const b = await upsert('b', { marker: commentMarker('other'), body: `${commentMarker('other')}\nb` });
    expect(a?.id).not.toBe(b?.id);
    await upsert('a2');
    await upsertStickyComment({
      token: TOKEN,
      apiUrl: gh.url,
      target,
      marker: commentMarker('other'),
      body: `${commentMarker('other')}\nb2`,
    });
    const bodies = gh.comments('octo', 'repo', 7).map((c) => c.body);
    expect(bodies).toEqual([`${MARKER}\na2`, `${commentMarker('other')}\nb2`]);
  });

  it('uses GET /user for user tokens and only matches that login', async () => {
    gh.addComment('octo', 'repo', 7, `${MARKER}\nby the bot`, 'github-actions[bot]');
    const alices = gh.addComment('octo', 'repo', 7, `${MARKER}\nby alice`, 'alice');
    const r = await upsert('alice again', { token: 'ghp_alice_token' });
    expect(r).toMatchObject({ id: alices.id, created: false });
    expect(gh.requests.some((q) => q.path === '/user' && q.status === 200)).toBe(true);
  });

  it('uses GraphQL viewer for other GitHub App installation tokens', async () => {
    gh.addComment('octo', 'repo', 7, `${MARKER}\nby github-actions`, 'github-actions[bot]');
    const r = await upsert('mine', { token: 'ghs_other_app_token' });
    expect(r?.created).toBe(true);
    const again = await upsert('mine 2', { token: 'ghs_other_app_token' });
    expect(again).toMatchObject({ id: r?.id, created: false });
    expect(gh.comments('octo', 'repo', 7).map((c) => c.user.login)).toEqual(['github-actions[bot]', 'my-app[bot]']);
    // The identity is cached per token: one lookup for two calls.
    expect(gh.requests.filter((q) => q.path === '/graphql')).toHaveLength(1);
  });

  it('asks GraphQL when GET /user fails for another reason than permissions', async () => {
    gh.failNext({ method: 'GET', path: '/user', status: 502 });
    const alices = gh.addComment('octo', 'repo', 7, `${MARKER}\nby alice`, 'alice');
    const r = await upsert('alice again', { token: 'ghp_alice_token' });
    expect(r).toMatchObject({ id: alices.id, created: false });
    expect(gh.requests.map((q) => `${q.method} ${q.path.split('?')[0]} ${q.status}`).slice(0, 2)).toEqual([
      'GET /user 502',
      'POST /graphql 200',
    ]);
  });

  it('falls back to github-actions[bot] when neither GET /user nor GraphQL answers', async () => {
    const ours = gh.addComment('octo', 'repo', 7, `${MARKER}\nold`, 'github-actions[bot]');
    gh.failNext({ method: 'POST', path: '/graphql', status: 503 });
    const r = await upsertStickyComment({
      token: TOKEN,
      apiUrl: `${gh.url}/`,
      target,
      marker: MARKER,
      body: `${MARKER}\nnew`,
    });
    expect(r).toMatchObject({ id: ours.id, created: false });
    expect(gh.requests.filter((q) => q.path === '/graphql').map((q) => q.status)).toEqual([503]);
  });

  it('learns its identity from the comment it created', async () => {
    gh.failNext({ method: 'POST', path: '/graphql', status: 503 });
    // my-app[bot] could not be identified: it is taken for github-actions[bot] and creates its comment...
    const first = await upsert('one', { token: 'ghs_other_app_token', apiUrl: `${gh.url}//` });
    expect(first?.created).toBe(true);
    // ...whose author it then knows, so the next search (the known id is gone) finds it.
    const second = await upsert('two', { token: 'ghs_other_app_token', apiUrl: `${gh.url}//`, commentId: 1 });
    expect(second).toMatchObject({ id: first?.id, created: false });
    expect(gh.comments('octo', 'repo', 7).map((c) => c.body)).toEqual([`${MARKER}\ntwo`]);
    expect(gh.requests.filter((q) => q.path === '/graphql').map((q) => q.status)).toEqual([503]);
  });

  it('throws on other errors (bad credentials)', async () => {
    await expect(upsert('x', { token: 'ghp_unknown' })).rejects.toMatchObject({ status: 401 });
  });

  it("never sends a body over GitHub's limit", async () => {
    const r = await upsert('y'.repeat(70_000));
    expect(r?.created).toBe(true);
    const [c] = gh.comments('octo', 'repo', 7);
    expect(c?.body.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(c?.body.startsWith(MARKER)).toBe(true);
  });

  it('reads GITHUB_API_URL when apiUrl is not given', async () => {
    vi.stubEnv('GITHUB_API_URL', gh.url);
    try {
      const r = await upsertStickyComment({ token: TOKEN, target, marker: MARKER, body: `${MARKER}\nenv` });
      expect(r?.created).toBe(true);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
