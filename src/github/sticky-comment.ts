/** One comment per pull request and key, created once and edited in place on every run. */

import { createHash } from 'node:crypto';
import * as core from '@actions/core';
import { GitHubTimeoutError } from './call-limit.js';
import type { PullRequestTarget } from './event.js';
import { apiUrlOf, messageOf, octokitFor, statusOf, type GitHubAccess, type Octokit } from './octokit.js';

export interface StickyCommentResult {
  url: string;
  id: number;
  created: boolean;
}

export interface UpsertOptions extends GitHubAccess {
  target: PullRequestTarget;
  marker: string;
  body: string;
  /** Known from an earlier call in this run: edited directly, without searching. */
  commentId?: number;
}

/** GitHub rejects comment bodies longer than this. */
export const GITHUB_BODY_LIMIT = 65_536;

interface Identity {
  login: string;
  /** An installation (GitHub App) token: its comments are by `<app>[bot]`, user type Bot. */
  bot: boolean;
}

export interface CommentLike {
  id: number;
  html_url: string;
  body?: string | null;
  user?: { login?: string; type?: string } | null;
}

const identities = new Map<string, Promise<Identity>>();

/**
 * Who the token writes as, from what GitHub answers for each kind of token:
 * - user tokens (classic and fine-grained PATs, OAuth and GitHub App user tokens): `GET /user`
 *   answers the user (`type: "User"`); their comments are by that login;
 * - installation tokens (the workflow's GITHUB_TOKEN, tokens of other GitHub Apps): `GET /user`
 *   answers 403 "Resource not accessible by integration"; GraphQL `viewer { login }` answers the
 *   app's bot login with its `[bot]` suffix (`github-actions[bot]`, `my-app[bot]`), which is the
 *   `user.login` (type `Bot`) that REST shows on the comments the token writes;
 * - when neither answers, the token is taken for the workflow's own GITHUB_TOKEN, whose comments
 *   are by `github-actions[bot]` (user id 41898282).
 * Bad credentials (401) are thrown; anything else falls through to the next way. Cached per API
 * URL and token; a created comment's author replaces the guess (see {@link remember}).
 */
async function identify(octokit: Octokit, apiUrl: string, token: string): Promise<Identity> {
  const key = identityKey(apiUrl, token);
  let pending = identities.get(key);
  if (!pending) {
    pending = (async (): Promise<Identity> => {
      let installation = false;
      try {
        const { data } = await octokit.rest.users.getAuthenticated();
        if (data.login) return { login: data.login, bot: data.type === 'Bot' || /\[bot\]$/i.test(data.login) };
      } catch (err) {
        const status = statusOf(err);
        if (status === 401 || err instanceof GitHubTimeoutError) throw err;
        installation = status === 403;
        if (!installation) core.debug(`GET /user failed (${messageOf(err)}); asking GraphQL`);
      }
      try {
        const res = await octokit.graphql<{ viewer?: { login?: string } }>('query { viewer { login } }');
        const login = res.viewer?.login;
        if (login) {
          const bot = installation || /\[bot\]$/i.test(login);
          return { login: bot && !/\[bot\]$/i.test(login) ? `${login}[bot]` : login, bot };
        }
      } catch (err) {
        if (statusOf(err) === 401 || err instanceof GitHubTimeoutError) throw err;
        core.debug(`GraphQL viewer lookup failed (${messageOf(err)}); assuming github-actions[bot]`);
      }
      return { login: 'github-actions[bot]', bot: true };
    })();
    identities.set(key, pending);
    pending.catch(() => identities.delete(key));
  }
  return pending;
}

function identityKey(apiUrl: string, token: string): string {
  return createHash('sha256').update(`${apiUrl}\n${token}`).digest('hex');
}

/** What GitHub says about a comment this token wrote is the surest identity there is. */
function remember(apiUrl: string, token: string, comment: CommentLike): void {
  const login = comment.user?.login;
  if (!login) return;
  const bot = comment.user?.type === 'Bot' || /\[bot\]$/i.test(login);
  identities.set(identityKey(apiUrl, token), Promise.resolve({ login, bot }));
}

function writtenBy(comment: CommentLike, who: Identity): boolean {
  const login = comment.user?.login;
  if (!login) return false;
  if (login.toLowerCase() === who.login.toLowerCase()) return true;
  // GraphQL spells bot logins without the `[bot]` suffix in some places: compare without it,
  // but only between bots.
  const bare = (l: string): string => l.toLowerCase().replace(/\[bot\]$/, '');
  return who.bot && comment.user?.type === 'Bot' && bare(login) === bare(who.login);
}

function hasMarker(comment: CommentLike, marker: string): boolean {
  // Ours start with the marker; a copy quoted further down in someone's text does not count.
  // (A marker prefix matches every key.)
  return (comment.body ?? '').trimStart().startsWith(marker);
}

function fitBody(body: string): string {
  if (body.length <= GITHUB_BODY_LIMIT) return body;
  const note = "\n\n✂️ Cut to fit GitHub's comment size limit; the full report is in the job summary.\n";
  return body.slice(0, GITHUB_BODY_LIMIT - note.length - 1).replace(/[\uD800-\uDBFF]$/, '') + note;
}

/** Our comments for this marker, oldest first (normally one; two after a race between runs). */
async function findOurs(
  octokit: Octokit,
  apiUrl: string,
  token: string,
  target: PullRequestTarget,
  marker: string,
): Promise<CommentLike[]> {
  const who = await identify(octokit, apiUrl, token);
  const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: target.number,
    per_page: 100,
  });
  const ours: CommentLike[] = [];
  for await (const page of pages) {
    for (const comment of page.data as CommentLike[]) {
      if (hasMarker(comment, marker) && writtenBy(comment, who)) ours.push(comment);
    }
  }
  return ours;
}

/**
 * Two runs with the same key that searched at the same moment each created a comment: keep the
 * oldest, delete the others (best effort), so the pull request converges on one comment.
 */
async function removeDuplicates(octokit: Octokit, target: PullRequestTarget, extra: CommentLike[]): Promise<void> {
  for (const comment of extra) {
    try {
      await octokit.rest.issues.deleteComment({ owner: target.owner, repo: target.repo, comment_id: comment.id });
      core.info(`Deleted a duplicate gemini-tune comment: ${comment.html_url}`);
    } catch (err) {
      core.debug(`Could not delete the duplicate comment ${comment.id}: ${messageOf(err)}`);
      if (err instanceof GitHubTimeoutError) return; // GitHub is not answering: leave the rest
    }
  }
}

/**
 * Creates our comment on the pull request, or edits it in place. Returns null (after a notice)
 * when the token may not comment (403: a pull request from a fork, or no write permission);
 * other errors are thrown.
 */
export async function upsertStickyComment(opts: UpsertOptions): Promise<StickyCommentResult | null> {
  const apiUrl = apiUrlOf(opts);
  const octokit = await octokitFor(opts);
  const { owner, repo, number } = opts.target;
  const body = fitBody(opts.body);

  try {
    if (opts.commentId !== undefined) {
      try {
        const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: opts.commentId, body });
        return { url: data.html_url, id: data.id, created: false };
      } catch (err) {
        // Deleted since (404): fall back to searching / creating.
        if (statusOf(err) !== 404) throw err;
      }
    }

    const [existing, ...duplicates] = await findOurs(octokit, apiUrl, opts.token, opts.target, opts.marker);
    if (duplicates.length > 0) await removeDuplicates(octokit, opts.target, duplicates);
    if (existing) {
      if (existing.body === body) return { url: existing.html_url, id: existing.id, created: false };
      const { data } = await octokit.rest.issues.updateComment({ owner, repo, comment_id: existing.id, body });
      return { url: data.html_url, id: data.id, created: false };
    }
    const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: number, body });
    remember(apiUrl, opts.token, data as CommentLike);
    return { url: data.html_url, id: data.id, created: true };
  } catch (err) {
    // A 403 that is a rate limit is not a missing permission: it is thrown like any other error.
    if (statusOf(err) === 403 && !/rate limit/i.test(messageOf(err))) {
      const why = opts.target.isFork
        ? 'this pull request comes from a fork, and the token of a fork pull request is read-only'
        : 'the token may not write pull request comments here: give the job `pull-requests: write` (or `issues: write`) permission';
      core.notice(
        `No pull request comment was written on ${owner}/${repo}#${number}: ${why} (GitHub said: ${messageOf(err)}). The results are in the job summary and the JSON report.`,
      );
      return null;
    }
    throw err;
  }
}

/**
 * Every comment on a pull request that starts with a marker beginning `markerPrefix` and was
 * written by the token's own identity (whatever its key), oldest first: what `mode: finish` reads.
 * A comment by anyone else is never returned, whatever it holds.
 */
export async function commentsByUs(
  access: GitHubAccess,
  target: PullRequestTarget,
  markerPrefix: string,
): Promise<CommentLike[]> {
  const octokit = await octokitFor(access);
  return findOurs(octokit, apiUrlOf(access), access.token, target, markerPrefix);
}
