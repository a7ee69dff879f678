/** Which pull request (if any) this run belongs to, read straight from the event payload. */

import { readFileSync } from 'node:fs';

export interface PullRequestTarget {
  owner: string;
  repo: string;
  number: number;
  /** The head branch lives in another repository: a GITHUB_TOKEN there cannot write comments. */
  isFork: boolean;
  /** The pull request's head commit and the repository it is in (`owner/repo`), when the payload says. */
  headSha?: string | null;
  headRepo?: string | null;
  /** The event's activity (`opened`, `synchronize`, `closed`...), when the payload says. */
  action?: string | null;
}

const PR_EVENTS = new Set(['pull_request', 'pull_request_target']);

type Json = Record<string, unknown>;

function obj(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function splitFullName(fullName: string | null): { owner: string; repo: string } | null {
  if (!fullName) return null;
  const [owner, repo, ...rest] = fullName.split('/');
  return owner && repo && rest.length === 0 ? { owner, repo } : null;
}

/**
 * The pull request of a `pull_request` or `pull_request_target` run, from GITHUB_EVENT_NAME and
 * the payload at GITHUB_EVENT_PATH; null for any other event, or when the payload is unreadable.
 * (Deliberately not @actions/github: its import is heavy and startup should stay light.)
 */
export function pullRequestFromEvent(env: NodeJS.ProcessEnv = process.env): PullRequestTarget | null {
  const eventName = env['GITHUB_EVENT_NAME'] ?? '';
  if (!PR_EVENTS.has(eventName)) return null;
  const path = env['GITHUB_EVENT_PATH'];
  if (!path) return null;

  let payload: Json | null;
  try {
    payload = obj(JSON.parse(readFileSync(path, 'utf8')));
  } catch {
    return null;
  }
  if (!payload) return null;

  const pr = obj(payload['pull_request']);
  const rawNumber = pr?.['number'] ?? payload['number'];
  const number = typeof rawNumber === 'number' ? rawNumber : Number.NaN;
  if (!Number.isSafeInteger(number) || number <= 0) return null;

  const base = obj(pr?.['base']);
  const baseRepo = obj(base?.['repo']);
  const headRepo = obj(obj(pr?.['head'])?.['repo']);
  const repository = obj(payload['repository']);

  const where =
    splitFullName(str(baseRepo?.['full_name'])) ??
    splitFullName(str(repository?.['full_name'])) ??
    (str(obj(repository?.['owner'])?.['login']) && str(repository?.['name'])
      ? { owner: str(obj(repository?.['owner'])?.['login']) as string, repo: str(repository?.['name']) as string }
      : null) ??
    splitFullName(str(env['GITHUB_REPOSITORY']));
  if (!where) return null;

  const baseFull = str(baseRepo?.['full_name']) ?? `${where.owner}/${where.repo}`;
  const headFull = str(headRepo?.['full_name']);
  // A PR whose head repository was deleted has `head.repo: null`: it came from a fork.
  const isFork = pr !== null && (headFull === null || headFull.toLowerCase() !== baseFull.toLowerCase());

  const headSha = str(obj(pr?.['head'])?.['sha']);
  const action = str(payload['action']);
  return { owner: where.owner, repo: where.repo, number, isFork, headSha, headRepo: headFull, action };
}
