/**
 * Credentials: an API key (sent only as the x-goog-api-key header) or Application Default
 * Credentials (a key file, or the external_account file google-github-actions/auth writes).
 * google-auth-library is imported here, lazily, so a run that fails on its inputs never loads it.
 */

import { registerSecret } from '../runner/secrets.js';
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
    return withTokenMasking((await auth.getClient()) as unknown as TokenClient);
  } catch (err) {
    throw new Error(
      `no Google credentials found (${(err as Error).message}). Set the "api-key" input for the Gemini API, ` +
        'or run google-github-actions/auth before this step so Application Default Credentials exist',
      { cause: err },
    );
  }
}

/** The part of an OAuth AuthClient (google-auth-library over gaxios) used to see what it sends. */
interface TokenClient extends RequestClient {
  transporter: {
    interceptors: {
      request: Set<{ resolved?: (config: { headers: Headers }) => Promise<{ headers: Headers }> }>;
    };
  };
}

/**
 * Registers as a secret the exact access token of every request the client sends, renewed ones
 * included, so a token never shows in a log line, a report or a comment. A gaxios request
 * interceptor runs after the client has put its Authorization header in, right before the request
 * leaves; asking the client for its token separately could see a different one than it then sends.
 * Quota project: the library sends x-goog-user-project from the credentials' quota_project_id or
 * GOOGLE_CLOUD_QUOTA_PROJECT.
 */
function withTokenMasking(client: TokenClient): RequestClient {
  client.transporter.interceptors.request.add({
    resolved: async (config) => {
      const authorization = config.headers.get('authorization');
      if (authorization) registerSecret(authorization.replace(/^Bearer\s+/i, ''));
      return config;
    },
  });
  return client;
}
