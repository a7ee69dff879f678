/**
 * Answers the service gives besides an ordinary one, on demand: a marker in the prompt (anywhere
 * in the text of the last user turn) makes the stand-in answer as Google does when it blocks, cuts
 * off or thinks. Shared by the Gemini API and Vertex AI generateContent handlers (not streamed).
 *
 *  - `[emulator:block=REASON]`: a candidate with `finishReason: REASON` and no content
 *    (SAFETY, RECITATION, BLOCKLIST, PROHIBITED_CONTENT, SPII...);
 *  - `[emulator:prompt-block=REASON]`: no candidates, `promptFeedback.blockReason: REASON`;
 *  - `[emulator:truncate]`: the answer cut in half, `finishReason: MAX_TOKENS` (also whenever the
 *    answer is longer than `generationConfig.maxOutputTokens`, at ~4 characters a token);
 *  - `[emulator:empty]`: a candidate whose content has no parts, `finishReason: STOP`;
 *  - `[emulator:thought]`: a thought part (`thought: true`) before the answer.
 */

type Json = Record<string, unknown>;

const MARKER = /\[emulator:(block|prompt-block)=([A-Z_]+)\]|\[emulator:(truncate|empty|thought)\]/g;

/** Rewrites a one-candidate generateContent response body per the prompt's markers (see above). */
export function markAnswer(prompt: string, body: Json, maxOutputTokens?: number): Json {
  const markers = new Map<string, string>();
  for (const m of prompt.matchAll(MARKER)) markers.set(m[1] ?? m[3] ?? '', m[2] ?? '');
  const candidates = (body['candidates'] as Json[] | undefined) ?? [];
  const promptBlock = markers.get('prompt-block');
  if (promptBlock !== undefined) {
    const { candidates: _dropped, ...rest } = body;
    return { ...rest, promptFeedback: { blockReason: promptBlock } };
  }
  const out = candidates.map((c) => {
    const content = (c['content'] as Json | undefined) ?? { role: 'model', parts: [] };
    const parts = (content['parts'] as Json[] | undefined) ?? [];
    const text = parts.map((p) => (typeof p['text'] === 'string' ? p['text'] : '')).join('');
    const block = markers.get('block');
    if (block !== undefined) {
      const { content: _gone, ...rest } = c;
      return { ...rest, finishReason: block };
    }
    if (markers.has('empty')) return { ...c, content: { role: 'model' }, finishReason: 'STOP' };
    let answer = text;
    let finishReason = c['finishReason'];
    const limit = maxOutputTokens !== undefined && maxOutputTokens > 0 ? maxOutputTokens * 4 : undefined;
    if (markers.has('truncate')) {
      answer = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
      finishReason = 'MAX_TOKENS';
    } else if (limit !== undefined && text.length > limit) {
      answer = text.slice(0, limit);
      finishReason = 'MAX_TOKENS';
    }
    const newParts: Json[] = [];
    if (markers.has('thought')) newParts.push({ text: `Thinking about the answer: ${text}?`, thought: true });
    newParts.push({ text: answer });
    return { ...c, content: { ...content, parts: newParts }, finishReason };
  });
  return { ...body, candidates: out };
}
