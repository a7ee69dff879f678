import type { Settings } from '../inputs/settings.js';
import * as core from '@actions/core';
import { CLOUD_PLATFORM_SCOPE, GEMINI_OAUTH_SCOPES, createAuthClient } from './auth.js';
import type { TuningBackend } from './backend.js';
import { withForkCredentialsHint } from './fork-credentials.js';
import { GeminiApiBackend } from './gemini-api.js';
import type { RawRequestClient } from './gcs-upload.js';
import { GoogleHttp, withTimeLimit } from './http.js';
import { scrub } from '../runner/secrets.js';
import { systemClock, type Clock } from '../util/clock.js';

/**
 * The backend the settings name, its HTTP retries on the run's clock; with `timeLimit` (the run's
 * timeout-minutes), every remote call it makes, uploads included, is abandoned when that fires.
 */
export async function createBackend(
  settings: Settings,
  clock: Clock = systemClock,
  timeLimit?: AbortSignal,
): Promise<TuningBackend> {
  if (settings.backend === 'gemini-api') {
    const client = await withForkCredentialsHint('gemini-api', Boolean(settings.apiKey), () =>
      createAuthClient({ apiKey: settings.apiKey, scopes: GEMINI_OAUTH_SCOPES }),
    );
    return new GeminiApiBackend(new GoogleHttp(client, { clock, timeLimit }), settings.apiEndpoint);
  }
  if (!settings.project) throw new Error('the vertex-ai backend needs "project"');
  // Application Default Credentials only (a key file, or google-github-actions/auth's external_account
  // file); projectId given so the library does not look the project up.
  const client = await withForkCredentialsHint('vertex-ai', false, () =>
    createAuthClient({ apiKey: null, scopes: [CLOUD_PLATFORM_SCOPE], projectId: settings.project }),
  );
  const { VertexAiBackend } = await import('./vertex-ai.js');
  const raw = withTimeLimit(client as unknown as RawRequestClient, timeLimit);
  return new VertexAiBackend(new GoogleHttp(client, { clock, timeLimit }), raw, {
    project: settings.project,
    location: settings.location,
    stagingUri: settings.stagingUri,
    apiEndpoint: settings.apiEndpoint,
    clock,
    log: (message) => core.info(scrub(message)),
  });
}
