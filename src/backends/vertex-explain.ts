/** Vertex AI errors with what to do about them: the permission, the bucket, the model, the quota. */

import { GoogleApiError } from './errors.js';

export function explain(err: unknown, ctx: { baseModel?: string; upload?: string }): unknown {
  // A credentials step's error carries its own hint.
  if (!(err instanceof GoogleApiError) || err.authStep) return err;
  let hint = '';
  if (err.httpStatus === 403 && ctx.upload) {
    hint =
      ` — the credentials may not write ${ctx.upload}: grant the service account roles/storage.objectAdmin ` +
      '(or objectCreator + objectViewer) on the staging bucket.';
  } else if (err.httpStatus === 403) {
    hint =
      ' — the credentials may not tune models in this project: grant roles/aiplatform.user to the service ' +
      'account (or the Workload Identity principal), enable the Vertex AI API, and check "project" and "location". ' +
      'The Vertex AI service agent also needs read access to the staging bucket.';
  } else if (err.httpStatus === 401) {
    hint =
      ' — the credentials were rejected: check the google-github-actions/auth step (workload_identity_provider, ' +
      'service_account) and that the job has "permissions: id-token: write".';
  } else if (err.httpStatus === 404 && ctx.baseModel) {
    hint = ` — base model "${ctx.baseModel}" was not found in this location, or cannot be tuned there.`;
  } else if (err.httpStatus === 404 && ctx.upload) {
    hint = ` — the bucket of ${ctx.upload} does not exist (check "staging-uri").`;
  } else if (err.httpStatus === 429) {
    hint = ' — quota exhausted: tuning quotas are per project and region; wait or ask for more quota.';
  }
  if (!hint) return err;
  return new GoogleApiError(err.message + hint, err.httpStatus, err.status, err.retryAfterMs, err.details);
}
