/**
 * A `wait: false` run on a pull request leaves its Vertex AI job to `mode: finish`: the eval set
 * stored next to the training set, and the run record written into the sticky comment with every
 * write while the job trains (INTERFACE "Modes"; decision 11).
 */

import * as core from '@actions/core';
import type { TuningBackend } from '../backends/backend.js';
import type { EvalCase } from '../domain.js';
import { encodeRecord, recordOf, type StoredEvalSet } from '../finish/record.js';
import { serializeCases } from '../finish/stored-eval.js';
import { scrub } from '../runner/secrets.js';
import type { Run } from './run-state.js';

const TUNING_JOB = /^projects\/[^/]+\/locations\/[^/]+\/tuningJobs\/[^/]+$/;

export async function leaveForFinish(run: Run, backend: TuningBackend, cases: readonly EvalCase[]): Promise<void> {
  const { settings, report, pr } = run;
  const job = run.status?.job ?? '';
  if (!pr?.headSha || pr.isFork || settings.comment === 'off' || !settings.githubToken) return;
  if (backend.name !== 'vertex-ai' || !TUNING_JOB.test(job)) {
    core.info('mode: finish is Vertex AI only: this job is not recorded for it; resume it by name instead.');
    return;
  }
  let evalSet: StoredEvalSet | null = null;
  if (cases.length > 0 && backend.storeEvalSet) {
    const { bytes, sha256 } = serializeCases(cases);
    try {
      evalSet = { uri: await backend.storeEvalSet(bytes, sha256), sha256, cases: cases.length };
    } catch (err) {
      core.warning(
        `The eval set could not be stored for mode: finish (${scrub(err instanceof Error ? err.message : String(err))}); the finish run will report without an eval.`,
      );
    }
  }
  const record = encodeRecord(
    recordOf(report, settings, { job, headSha: pr.headSha, startedByUs: run.startedByUs, evalSet }),
  );
  if (record === null) {
    core.warning('The run record does not fit in 8 KB: mode: finish cannot pick this job up; resume it by name.');
    return;
  }
  run.comments.record = record;
  report.leftForFinish = true;
}
