/**
 * One generateContent call, as both the Gemini API and Vertex AI define it (same request and
 * response shapes; only the URL differs). Single attempt: the eval runner owns retries.
 */

import type { GoogleHttp } from './http.js';
import type { GenerationConfig } from '../domain.js';

interface GenerateContentResponse {
  candidates?: { content?: { parts?: { text?: string }[] }; finishReason?: string }[];
  promptFeedback?: { blockReason?: string };
}

export async function generateContent(
  http: GoogleHttp,
  url: string,
  prompt: string,
  config: GenerationConfig,
  signal?: AbortSignal,
): Promise<string> {
  const res = await http.json<GenerateContentResponse>({
    method: 'POST',
    url,
    body: {
      contents: [{ role: 'user', parts: [{ text: prompt }] }],
      generationConfig: {
        temperature: config.temperature,
        ...(config.maxOutputTokens ? { maxOutputTokens: config.maxOutputTokens } : {}),
      },
    },
    retry: false,
    what: 'generateContent',
    ...(signal ? { signal } : {}),
  });
  const candidate = res.candidates?.[0];
  if (!candidate) {
    const blocked = res.promptFeedback?.blockReason;
    throw new Error(`the model returned no answer${blocked ? ` (prompt blocked: ${blocked})` : ''}`);
  }
  return (candidate.content?.parts ?? []).map((p) => p.text ?? '').join('');
}
