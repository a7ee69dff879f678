/**
 * The Gemini API as it is in 2026, the emulator's default (INTERFACE v2.1, decision 22): no model
 * offers tuning. `training.tunable` brings back the 2025 tunable model.
 */

import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../emulator/index.js';
import { tunedModelBody } from './helpers.js';

const KEY = 'gemini-2026-key';
let emu: Emulator | null = null;
afterEach(async () => {
  await emu?.close();
  emu = null;
});

const call = (e: Emulator, method: string, path: string, body?: unknown) =>
  fetch(`${e.url}${path}`, {
    method,
    headers: { 'x-goog-api-key': KEY, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('the Gemini API in 2026 (emulator default)', () => {
  it('lists no model with createTunedModel; models.get and tunedModels.create of the old tuning model answer 404', async () => {
    emu = await startEmulator({ apiKeys: [KEY] });
    const list = (await (await call(emu, 'GET', '/v1beta/models?pageSize=1000')).json()) as {
      models: { name: string; supportedGenerationMethods: string[] }[];
    };
    expect(list.models.length).toBeGreaterThan(0);
    expect(list.models.filter((m) => m.supportedGenerationMethods.includes('createTunedModel'))).toEqual([]);
    const get = await call(emu, 'GET', '/v1beta/models/gemini-1.5-flash-001-tuning');
    expect(get.status).toBe(404);
    expect(((await get.json()) as { error: { status: string } }).error.status).toBe('NOT_FOUND');
    const create = await call(emu, 'POST', '/v1beta/tunedModels', tunedModelBody());
    expect(create.status).toBe(404);
    expect(emu.tunedModels()).toEqual([]);
  });

  it('with training.tunable, the 2025 tuning model is back', async () => {
    emu = await startEmulator({ apiKeys: [KEY], training: { tunable: true } });
    expect((await call(emu, 'GET', '/v1beta/models/gemini-1.5-flash-001-tuning')).status).toBe(200);
    expect((await call(emu, 'POST', '/v1beta/tunedModels', tunedModelBody())).status).toBe(200);
  });

  it('refuses a thinking setting for a model that does not think, and takes it for one that does', async () => {
    emu = await startEmulator({ apiKeys: [KEY] });
    const body = {
      contents: [{ role: 'user', parts: [{ text: '1' }] }],
      generationConfig: { thinkingConfig: { thinkingBudget: 0 } },
    };
    const refused = await call(emu, 'POST', '/v1beta/models/gemini-2.0-flash:generateContent', body);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      'Thinking is not supported',
    );
    expect((await call(emu, 'POST', '/v1beta/models/gemini-3.5-flash:generateContent', body)).status).toBe(200);
    const plain = { contents: body.contents };
    expect((await call(emu, 'POST', '/v1beta/models/gemini-2.0-flash:generateContent', plain)).status).toBe(200);
  });

  it('models/M:countTokens counts contents or a generateContentRequest', async () => {
    emu = await startEmulator({ apiKeys: [KEY] });
    const contents = [{ role: 'user', parts: [{ text: 'abcdefgh' }] }];
    const direct = await call(emu, 'POST', '/v1beta/models/gemini-3.5-flash:countTokens', { contents });
    expect(await direct.json()).toEqual({ totalTokens: 2 });
    const wrapped = await call(emu, 'POST', '/v1beta/models/gemini-3.5-flash:countTokens', {
      generateContentRequest: { model: 'models/gemini-3.5-flash', contents },
    });
    expect(await wrapped.json()).toEqual({ totalTokens: 2 });
    expect((await call(emu, 'POST', '/v1beta/models/text-embedding-004:countTokens', { contents })).status).toBe(404);
  });
});
