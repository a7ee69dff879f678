/**
 * The commit status of a run that leaves its job training on a pull request (`commit-status: auto`):
 * `pending` on the head commit, settled `success` or `failure` by the run that ends it (the
 * finish mode, or the same run). Never fails the run: a status that cannot be set is a warning.
 */

import * as core from '@actions/core';
import { scrub } from '../runner/secrets.js';
import { messageOf, octokitFor, statusOf, type GitHubAccess } from './octokit.js';

export type CommitState = 'pending' | 'success' | 'failure' | 'error';

export interface CommitStatus {
  owner: string;
  repo: string;
  sha: string;
  state: CommitState;
  /** `gemini-tune`, or `gemini-tune/<comment-key>`. */
  context: string;
  description: string;
  targetUrl: string | null;
}

/** The status context of a comment key (the default key: plain `gemini-tune`). */
export function statusContext(commentKey: string | null): string {
  const key = commentKey?.trim() ?? '';
  return key === '' ? 'gemini-tune' : `gemini-tune/${key}`;
}

/** GitHub keeps at most 140 characters of a status description. */
function fit(text: string): string {
  return text.length <= 140 ? text : `${text.slice(0, 139)}…`;
}

/** Sets the status; returns whether GitHub took it. */
export async function setCommitStatus(access: GitHubAccess, status: CommitStatus): Promise<boolean> {
  try {
    const octokit = await octokitFor(access);
    await octokit.rest.repos.createCommitStatus({
      owner: status.owner,
      repo: status.repo,
      sha: status.sha,
      state: status.state,
      context: status.context,
      description: fit(status.description),
      ...(status.targetUrl ? { target_url: status.targetUrl } : {}),
    });
    core.info(`Commit status ${status.context}: ${status.state} on ${status.sha.slice(0, 12)}`);
    return true;
  } catch (err) {
    const why =
      statusOf(err) === 403
        ? ' (the token needs `statuses: write` permission; a fork pull request has a read-only token)'
        : '';
    core.warning(`Could not set the commit status ${status.context}: ${scrub(messageOf(err))}${why}`);
    return false;
  }
}
