/**
 * A time limit on every GitHub call (REST, pagination, GraphQL): a GitHub API that does not
 * answer is given up after GITHUB_CALL_TIMEOUT_MS on the run's clock, with an error the comment
 * writer turns into a warning. The run never waits longer than that for one call.
 */

import type { Clock } from '../util/clock.js';

export const GITHUB_CALL_TIMEOUT_MS = 30_000;

export class GitHubTimeoutError extends Error {
  override readonly name = 'GitHubTimeoutError';
}

interface RequestOptions {
  method?: string;
  url?: string;
  request?: { signal?: AbortSignal } & Record<string, unknown>;
}

/** The part of an Octokit instance this needs: its request hook. */
export interface Hookable {
  hook: {
    wrap(
      name: 'request',
      wrapper: (request: (options: RequestOptions) => Promise<unknown>, options: RequestOptions) => Promise<unknown>,
    ): void;
  };
}

/** Bounds every request `octokit` makes to `ms` on `clock` (aborting it, and rejecting at once). */
export function limitEachCall(octokit: Hookable, clock: Clock, ms: number = GITHUB_CALL_TIMEOUT_MS): void {
  octokit.hook.wrap('request', async (request, options) => {
    const alarm = clock.timeout(ms);
    const own = options.request?.signal;
    const signal = own ? AbortSignal.any([own, alarm]) : alarm;
    let onAlarm = (): void => undefined;
    const given = new Promise<never>((_, reject) => {
      onAlarm = () =>
        reject(
          new GitHubTimeoutError(
            `GitHub did not answer ${options.method ?? 'GET'} ${options.url ?? ''} within ${Math.round(ms / 1000)} s; gave up on it`,
          ),
        );
      alarm.addEventListener('abort', onAlarm, { once: true });
    });
    try {
      return await Promise.race([request({ ...options, request: { ...options.request, signal } }), given]);
    } finally {
      alarm.removeEventListener('abort', onAlarm);
    }
  });
}
