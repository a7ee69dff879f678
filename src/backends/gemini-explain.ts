/** What the user can do about the Gemini API's common errors, added to the error's message. */

import { DEFAULT_BASE_MODEL } from './defaults.js';
import { GoogleApiError } from './errors.js';

/** Adds what the user can do about common errors. */
export function explain(err: unknown, ctx: { baseModel?: string }): unknown {
  // A credentials step's error carries its own hint.
  if (!(err instanceof GoogleApiError) || err.authStep) return err;
  let hint = '';
  if (err.httpStatus === 403 && err.status === 'PERMISSION_DENIED') {
    hint =
      ' — the credentials may not tune models: with an API key, check that the key belongs to a project with the ' +
      'Generative Language API enabled; with OAuth credentials, they need the scope ' +
      'https://www.googleapis.com/auth/generative-language.tuning (or cloud-platform).';
  } else if (err.httpStatus === 401) {
    hint =
      ' — the credentials were rejected: check the "api-key" input or the credentials from google-github-actions/auth.';
  } else if (err.httpStatus === 400 && /API key not valid/i.test(err.message)) {
    hint =
      ' — the "api-key" input is not a valid Gemini API key: create one in Google AI Studio and store it as a secret.';
  } else if (err.httpStatus === 404 && ctx.baseModel) {
    hint =
      ` — base model "${ctx.baseModel}" was not found or cannot be tuned. Set "base-model" to a model whose ` +
      'supportedGenerationMethods include "createTunedModel" (list them with GET /v1beta/models), e.g. ' +
      `${DEFAULT_BASE_MODEL['gemini-api']}.`;
  } else if (err.httpStatus === 429) {
    hint = ' — quota exhausted: tuning quotas are per project; wait or ask for more quota.';
  }
  if (!hint) return err;
  return new GoogleApiError(err.message + hint, err.httpStatus, err.status, err.retryAfterMs, err.details);
}
