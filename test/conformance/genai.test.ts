/**
 * Conformance: Google's own JS SDK drives the emulator's Gemini API over HTTP. Tuning needs
 * @google/genai 1.27 (installed as the alias google-genai-1-27), the last version whose Gemini API
 * tunings.tune sends the examples: 3.x sends none, Google having closed Gemini API tuning (the
 * last test shows what 3.3 sends, and the emulator refusing it as the service would).
 */
import { GoogleGenAI, JobState } from 'google-genai-1-27';
import { GoogleGenAI as GoogleGenAI3 } from '@google/genai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/server.js';
import type { Emulator } from '../emulator/types.js';

const API_KEY = 'conformance-key';
const BASE = 'models/gemini-1.5-flash-001-tuning';
const EXAMPLES = [
  ['1', '2'],
  ['3', '4'],
  ['-3', '-2'],
  ['twenty two', 'twenty three'],
  ['two hundred', 'two hundred one'],
  ['ninety nine', 'one hundred'],
  ['8', '9'],
  ['-98', '-97'],
  ['1,000', '1,001'],
  ['10,100,000', '10,100,001'],
  ['thirteen', 'fourteen'],
  ['eighty', 'eighty one'],
  ['one', 'two'],
  ['three', 'four'],
  ['seven', 'eight'],
].map(([textInput, output]) => ({ textInput: textInput!, output: output! }));

let emu: Emulator;
let ai: GoogleGenAI;
beforeAll(async () => {
  emu = await startEmulator({ apiKeys: [API_KEY], training: { tunable: true, stepMs: 10 } });
  ai = new GoogleGenAI({ apiKey: API_KEY, apiVersion: 'v1beta', httpOptions: { baseUrl: emu.url } });
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('@google/genai 1.27 against the emulator', () => {
  it('tunings.tune → tunings.get until SUCCEEDED → models.generateContent on the tuned model', async () => {
    const job = await ai.tunings.tune({
      baseModel: BASE,
      trainingDataset: { examples: EXAMPLES },
      config: { tunedModelDisplayName: 'number generator', epochCount: 5, batchSize: 4, learningRate: 0.001 },
    });
    expect(job.name).toMatch(/^tunedModels\/number-generator-[a-z0-9]+$/);
    expect(job.state).toBe(JobState.JOB_STATE_QUEUED);

    // the examples reached the server, with the SDK's field names
    const create = emu.requests.find((r) => r.method === 'POST' && r.path.startsWith('/v1beta/tunedModels'));
    expect(create).toBeDefined();
    expect(create!.headers['x-goog-api-key']).toBe(API_KEY);
    expect(create!.path).not.toContain('key=');
    const sent = JSON.parse(create!.body);
    expect(sent.baseModel).toBe(BASE);
    expect(sent.displayName).toBe('number generator');
    expect(sent.tuningTask.trainingData.examples.examples).toEqual(EXAMPLES);
    expect(sent.tuningTask.hyperparameters).toEqual({ epochCount: 5, batchSize: 4, learningRate: 0.001 });

    const first = await ai.tunings.get({ name: job.name! });
    expect(first.state).toBe(JobState.JOB_STATE_RUNNING);
    expect(first.baseModel).toBe(BASE);

    let got = first;
    for (let i = 0; i < 200 && got.state !== JobState.JOB_STATE_SUCCEEDED; i++) {
      await sleep(10);
      got = await ai.tunings.get({ name: job.name! });
    }
    expect(got.state).toBe(JobState.JOB_STATE_SUCCEEDED);
    expect(got.endTime).toBeTruthy();
    expect(got.tunedModel?.model).toBe(job.name);
    expect(emu.timeline(job.name!)?.firstObservedDoneAt).not.toBeNull();

    const res = await ai.models.generateContent({ model: job.name!, contents: 'LXIII' });
    expect(res.text).toBe('LXIV');
    const exact = await ai.models.generateContent({
      model: job.name!,
      contents: [{ role: 'user', parts: [{ text: 'ninety nine' }] }],
      config: { temperature: 0, maxOutputTokens: 20, topP: 0.9 },
    });
    expect(exact.text).toBe('one hundred');
    expect(exact.usageMetadata?.totalTokenCount).toBeGreaterThan(0);
    // every request authenticated by header, none by URL
    expect(emu.requests.every((r) => r.headers['x-goog-api-key'] === API_KEY && !r.path.includes('key='))).toBe(true);
  });

  it('tunings.list pages through tuned models', async () => {
    for (let i = 0; i < 3; i++) {
      await ai.tunings.tune({
        baseModel: BASE,
        trainingDataset: { examples: EXAMPLES },
        config: { tunedModelDisplayName: `m${i}` },
      });
    }
    const pager = await ai.tunings.list({ config: { pageSize: 2 } });
    const names: string[] = [];
    for await (const j of pager) names.push(j.name!);
    expect(names).toHaveLength(3);
    expect(new Set(names).size).toBe(3);
    expect(emu.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1beta/tunedModels?')).length).toBe(2);
  });

  it('models.list / models.get see the tuning base model; base model generateContent and stream', async () => {
    const model = await ai.models.get({ model: BASE });
    expect(model.name).toBe(BASE);
    expect(model.supportedActions).toEqual(expect.arrayContaining(['createTunedModel', 'generateContent']));
    const pager = await ai.models.list();
    const names: string[] = [];
    for await (const m of pager) names.push(m.name!);
    expect(names).toContain(BASE);

    const res = await ai.models.generateContent({ model: 'gemini-1.5-flash-001-tuning', contents: '4' });
    expect(res.text).toBe('The next number is 5.');

    const stream = await ai.models.generateContentStream({ model: 'gemini-2.0-flash', contents: 'twenty two' });
    let text = '';
    for await (const chunk of stream) text += chunk.text ?? '';
    expect(text).toBe('The next number is twenty three.');
    expect(emu.requests.some((r) => r.path.includes(':streamGenerateContent?alt=sse'))).toBe(true);
  });

  it('surfaces the emulator errors as ApiError with the HTTP status', async () => {
    await expect(ai.models.generateContent({ model: 'tunedModels/nope', contents: '1' })).rejects.toMatchObject({
      status: 404,
    });
    const bad = new GoogleGenAI({ apiKey: 'wrong', apiVersion: 'v1beta', httpOptions: { baseUrl: emu.url } });
    await expect(bad.models.get({ model: BASE })).rejects.toMatchObject({ status: 400 });
    emu.faults.add({ kind: 'status', status: 429, times: 1 });
    await expect(ai.models.get({ model: BASE })).rejects.toMatchObject({ status: 429 });
  });

  it('@google/genai 3.3 sends no examples to the Gemini API: refused with 400 INVALID_ARGUMENT, nothing made', async () => {
    const ai3 = new GoogleGenAI3({ apiKey: API_KEY, apiVersion: 'v1beta', httpOptions: { baseUrl: emu.url } });
    await expect(
      ai3.tunings.tune({ baseModel: BASE, trainingDataset: { examples: EXAMPLES }, config: { epochCount: 1 } }),
    ).rejects.toMatchObject({ status: 400 });
    const create = emu.requests.find((r) => r.method === 'POST' && r.path.startsWith('/v1beta/tunedModels'));
    expect(JSON.parse(create!.body).tuningTask?.trainingData).toBeUndefined();
    expect(emu.tunedModels()).toEqual([]);
  });
});
