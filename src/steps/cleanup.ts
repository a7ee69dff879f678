/**
 * `mode: cleanup` (on `pull_request` `closed`): the tuned models made or reused for the pull
 * request are deleted unless something else still uses them (src/lifecycle/cleanup.ts). Outputs
 * `deleted` and `kept`; the names are in the log, the job summary and the JSON report.
 */

import * as core from '@actions/core';
import { appendFile } from 'node:fs/promises';
import { createBackend } from '../backends/create-backend.js';
import { pullRequestFromEvent } from '../github/event.js';
import { openPullRequests } from '../github/pull-requests.js';
import type { Settings } from '../inputs/settings.js';
import { cleanUp } from '../lifecycle/cleanup.js';
import { repositoryMark } from '../lifecycle/marks.js';
import { renderCleanupSummary } from '../report/cleanup-summary.js';
import { defaultReportPath, writeJsonFile } from '../report/json-report.js';
import { setCountOutputs } from '../runner/outputs.js';
import { scrub } from '../runner/secrets.js';
import type { Clock } from '../util/clock.js';

export async function runCleanup(settings: Settings, env: NodeJS.ProcessEnv, clock: Clock): Promise<void> {
  const pr = pullRequestFromEvent(env);
  if (!pr) {
    throw new Error(
      `mode: cleanup runs on a pull request event (on: pull_request: types: [closed]); this run's event is ${env['GITHUB_EVENT_NAME'] || 'unknown'}`,
    );
  }
  if (pr.action && pr.action !== 'closed') {
    // On an open pull request this would delete what it still uses: the workflow's trigger is wrong.
    core.notice(
      `mode: cleanup runs when a pull request is closed (on: pull_request: types: [closed]); this event is "${pr.action}" on #${pr.number}: nothing was deleted`,
    );
    setCountOutputs({ deleted: 0, kept: 0 });
    return;
  }
  const backend = await createBackend(settings, clock);
  if (!backend.lifecycle) throw new Error(`the ${backend.name} backend cannot clean up tuned models`);
  const open = await openNumbers(settings, env, clock, pr);
  const result = await cleanUp(backend.lifecycle, repositoryMark(env), pr.number, open);
  for (const d of result.deleted)
    core.info(`Deleted ${d.model}${d.removed.length ? ` (${d.removed.join(', ')})` : ''}`);
  for (const k of result.kept) core.info(`Kept ${k.model}: ${k.reason}`);
  core.info(`cleanup of #${pr.number}: ${result.deleted.length} deleted, ${result.kept.length} kept`);

  const reportPath = settings.reportPath ?? defaultReportPath(env, 'cleanup', clock.now());
  const file = { mode: 'cleanup', backend: backend.name, pullRequest: pr.number, ...result };
  await writeJsonFile(reportPath, JSON.parse(scrub(JSON.stringify(file))));
  const summary = env['GITHUB_STEP_SUMMARY'];
  if (summary) await appendFile(summary, `${scrub(renderCleanupSummary(pr.number, result))}\n`, 'utf8');
  setCountOutputs({ deleted: result.deleted.length, kept: result.kept.length });
  core.setOutput('report-path', reportPath);
}

/** The open pull requests other than this one, or null when they cannot be listed (every mark then counts). */
async function openNumbers(
  settings: Settings,
  env: NodeJS.ProcessEnv,
  clock: Clock,
  pr: { owner: string; repo: string; number: number },
): Promise<Set<number> | null> {
  if (!settings.githubToken) return null;
  try {
    const access = { token: settings.githubToken, clock, apiUrl: env['GITHUB_API_URL'] ?? '' };
    const list = await openPullRequests(access, { owner: pr.owner, repo: pr.repo });
    return new Set(list.map((p) => p.number).filter((n) => n !== pr.number));
  } catch (err) {
    core.warning(
      `Could not list the open pull requests (${scrub(err instanceof Error ? err.message : String(err))}): every other pull request's mark counts as in use.`,
    );
    return null;
  }
}
