/**
 * `mode: finish` (on `schedule` or `workflow_dispatch`): walks the repository's open pull
 * requests, reads the run records in the sticky comments its own token wrote, and finishes each
 * recorded job that has ended, or refreshes the progress of one still training (finish-one.ts).
 * Each pull request on its own: one that fails does not stop the others. Runner time grows with
 * the number of pull requests, not with how long the jobs train. The step fails only on this
 * run's own errors (after every pull request has been looked at), never on a pull request's gate.
 */

import * as core from '@actions/core';
import { appendFile } from 'node:fs/promises';
import { decodeRecord } from '../finish/record.js';
import { MARKER_PREFIX } from '../github/marker.js';
import { openPullRequests } from '../github/pull-requests.js';
import { commentsByUs } from '../github/sticky-comment.js';
import type { Settings } from '../inputs/settings.js';
import { renderFinishSummary } from '../report/finish-summary.js';
import { defaultReportPath, jsonReport, writeJsonFile } from '../report/json-report.js';
import { setCountOutputs } from '../runner/outputs.js';
import { scrub } from '../runner/secrets.js';
import type { Clock } from '../util/clock.js';
import { finishOne, type FinishedRun } from './finish-one.js';
import { publishReserveMs } from './run-state.js';

export async function runFinish(settings: Settings, env: NodeJS.ProcessEnv, clock: Clock): Promise<void> {
  const [owner, repo] = (env['GITHUB_REPOSITORY'] ?? '').split('/');
  if (!owner || !repo) throw new Error('GITHUB_REPOSITORY is not set: mode: finish runs in a GitHub Actions workflow');
  if (!settings.githubToken) {
    throw new Error('input "github-token" is empty: mode: finish reads the pull requests\' comments with it');
  }
  const access = { token: settings.githubToken, clock, apiUrl: env['GITHUB_API_URL'] ?? '' };
  const pullRequests = await openPullRequests(access, { owner, repo });
  core.info(`${pullRequests.length} open pull request(s) in ${owner}/${repo}`);

  const runs: FinishedRun[] = [];
  const errors: string[] = [];
  // timeout-minutes bounds the whole finish run: each job gets what is left; past it, the rest waits for the next run.
  const deadline = clock.now() + settings.timeoutMinutes * 60_000;
  const reserve = publishReserveMs(settings.timeoutMinutes * 60_000);
  const left = (): number => (deadline - clock.now()) / 60_000;
  let skipped = 0;
  for (const pr of pullRequests) {
    // Within the reserve kept for the report, no new pull request is started.
    if (deadline - clock.now() <= reserve) {
      skipped++;
      continue;
    }
    let comments;
    try {
      comments = await commentsByUs(access, pr, MARKER_PREFIX);
    } catch (err) {
      errors.push(`#${pr.number}: the comments could not be read: ${describe(err)}`);
      continue;
    }
    for (const comment of comments) {
      const body = comment.body ?? '';
      let record;
      try {
        record = decodeRecord(body);
      } catch (err) {
        errors.push(`#${pr.number}: ${describe(err)}`);
        continue;
      }
      if (!record) continue;
      const marker = body.trimStart().split('\n', 1)[0] ?? '';
      const done = await core.group(`#${pr.number}: ${record.job}`, () =>
        finishOne({ ...settings, timeoutMinutes: left() }, env, clock, {
          pr,
          comment: { id: comment.id, marker },
          record,
        }),
      );
      if (done.error) errors.push(`#${pr.number}: ${done.error}`);
      runs.push(done);
    }
  }

  if (skipped > 0) {
    core.warning(
      `timeout-minutes (${settings.timeoutMinutes}) ran out: ${skipped} pull request(s) were not looked at; the next finish run takes them`,
    );
  }
  const finished = runs.filter((r) => r.outcome === 'finished').length;
  const pending = runs.filter((r) => r.outcome === 'pending').length;
  const reportPath = settings.reportPath ?? defaultReportPath(env, 'finish', clock.now());
  const file = { mode: 'finish', runs: runs.map((r) => jsonReport(r.report)) };
  await writeJsonFile(reportPath, JSON.parse(scrub(JSON.stringify(file))));
  const summaryFile = env['GITHUB_STEP_SUMMARY'];
  if (summaryFile) await appendFile(summaryFile, `${scrub(renderFinishSummary(runs, pullRequests.length))}\n`, 'utf8');
  setCountOutputs({ finished, pending });
  core.setOutput('report-path', reportPath);
  core.info(`finish: ${finished} finished, ${pending} still training, ${errors.length} error(s)`);
  for (const e of errors) core.warning(e);
  if (errors.length > 0) {
    throw new Error(`${errors.length} recorded job(s) could not be finished: ${errors.join('; ')}`);
  }
}

function describe(err: unknown): string {
  return scrub(err instanceof Error ? err.message : String(err));
}
