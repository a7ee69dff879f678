/**
 * Credentials: an API key (sent only as the x-goog-api-key header) or Application Default
 * Credentials (a key file, or the external_account file google-github-actions/auth writes).
 * google-auth-library is imported here, lazily, so a run that fails on its inputs never loads it.
 */

import type { RequestClient } from './http.js';

export const GEMINI_OAUTH_SCOPES = [
  'https://www.googleapis.com/auth/cloud-platform',
  'https://www.googleapis.com/auth/generative-language.tuning',
];
export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

export async function createAuthClient(opts: {
  apiKey: string | null;
  scopes: string[];
  projectId?: string | null;
}): Promise<RequestClient> {
  const { GoogleAuth } = await import('google-auth-library');
  if (opts.apiKey) {
    // fromAPIKey builds the client directly: getClient() would first probe for a metadata server.
    return new GoogleAuth().fromAPIKey(opts.apiKey) as unknown as RequestClient;
  }
  const auth = new GoogleAuth({
    scopes: opts.scopes,
    ...(opts.projectId ? { projectId: opts.projectId } : {}),
  });
  try {
    return (await auth.getClient()) as unknown as RequestClient;
  } catch (err) {
    throw new Error(
      `no Google credentials found (${(err as Error).message}). Set the "api-key" input for the Gemini API, ` +
        'or run google-github-actions/auth before this step so Application Default Credentials exist',
      { cause: err },
    );
  }
}
