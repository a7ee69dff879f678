/** One Octokit for the run's GitHub calls: the API URL of the runner, and a time limit on every call. */

import { systemClock, type Clock } from '../util/clock.js';
import { GITHUB_CALL_TIMEOUT_MS, limitEachCall, type Hookable } from './call-limit.js';

export type Octokit = ReturnType<(typeof import('@actions/github'))['getOctokit']>;

export interface GitHubAccess {
  token: string;
  /** GITHUB_API_URL; default https://api.github.com */
  apiUrl?: string;
  /** The run's clock: each call is given up after `callTimeoutMs` on it (default 30 s). */
  clock?: Clock;
  callTimeoutMs?: number;
}

export function apiUrlOf(access: GitHubAccess): string {
  return (access.apiUrl || process.env['GITHUB_API_URL'] || 'https://api.github.com').replace(/\/+$/, '');
}

/** @actions/github is loaded on first use: a run that never talks to GitHub does not pay for it. */
export async function octokitFor(access: GitHubAccess): Promise<Octokit> {
  const { getOctokit } = await import('@actions/github');
  const octokit = getOctokit(access.token, { baseUrl: apiUrlOf(access) });
  limitEachCall(
    octokit as unknown as Hookable,
    access.clock ?? systemClock,
    access.callTimeoutMs ?? GITHUB_CALL_TIMEOUT_MS,
  );
  return octokit;
}

export function statusOf(err: unknown): number | undefined {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** GitHub's own message for a failed call, else the error's. */
export function messageOf(err: unknown): string {
  const data = (err as { response?: { data?: unknown } } | null)?.response?.data;
  const message = (data as { message?: unknown } | undefined)?.message;
  if (typeof message === 'string' && message !== '') return message;
  return err instanceof Error ? err.message : String(err);
}
