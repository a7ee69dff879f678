/**
 * A `pull_request` run for a pull request from a fork gets no repository secrets and no OIDC token,
 * so neither an API key nor Workload Identity Federation can reach the action. Without this, such a
 * run ended on google-auth-library's Application Default Credentials message, which points at the
 * wrong fix. Here the missing credentials are named for what they are, with the workflow change
 * that skips the step on forks.
 */

import type { BackendName } from '../domain.js';
import { pullRequestFromEvent } from '../github/event.js';

export const FORK_SKIP_CONDITION = 'github.event.pull_request.head.repo.full_name == github.repository';

/** The credentials were missing because the run is for a fork's pull request. */
export class NoCredentialsOnForkError extends Error {
  constructor(
    readonly backend: BackendName,
    readonly pullRequest: string,
  ) {
    super(
      `no credentials on a fork pull request (${pullRequest}): GitHub gives workflows triggered by a pull ` +
        'request from a fork neither secrets (such as "api-key") nor an OIDC token for Workload Identity ' +
        `Federation, so the ${backend} backend has nothing to authenticate with and nothing was sent to Google. ` +
        `Skip this step on forks with \`if: ${FORK_SKIP_CONDITION}\`, or tune after the change is merged ` +
        '(see "Pull requests from forks" in the README)',
    );
    this.name = 'NoCredentialsOnForkError';
  }
}

/**
 * `owner/repo#N` when this run is a `pull_request` event for a pull request whose head is in
 * another repository, else null. `pull_request_target` runs in the base repository's context, with
 * its secrets: a missing credential there is a set-up problem, not a fork's.
 */
export function forkPullRequest(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env['GITHUB_EVENT_NAME'] !== 'pull_request') return null;
  const pr = pullRequestFromEvent(env);
  return pr?.isFork ? `${pr.owner}/${pr.repo}#${pr.number}` : null;
}

/**
 * Runs `connect` (the credential lookup); when it fails on a fork's pull request and the run had
 * no API key, the failure becomes a NoCredentialsOnForkError. Anything else is passed on as is, so
 * a fork run on a self-hosted runner that does have credentials is not affected.
 */
export async function withForkCredentialsHint<T>(
  backend: BackendName,
  hadApiKey: boolean,
  connect: () => Promise<T>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<T> {
  try {
    return await connect();
  } catch (err) {
    const fork = hadApiKey ? null : forkPullRequest(env);
    if (fork) throw new NoCredentialsOnForkError(backend, fork);
    throw err;
  }
}
