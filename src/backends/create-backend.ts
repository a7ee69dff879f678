import type { Settings } from '../inputs.js';
import { GEMINI_OAUTH_SCOPES, createAuthClient } from './auth.js';
import type { TuningBackend } from './backend.js';
import { GeminiApiBackend } from './gemini-api.js';
import { GoogleHttp } from './http.js';

export async function createBackend(settings: Settings): Promise<TuningBackend> {
  if (settings.backend === 'gemini-api') {
    const client = await createAuthClient({ apiKey: settings.apiKey, scopes: GEMINI_OAUTH_SCOPES });
    return new GeminiApiBackend(new GoogleHttp(client), settings.apiEndpoint);
  }
  throw new Error('the vertex-ai backend is not available in this version; use backend: gemini-api');
}
