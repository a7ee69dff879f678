import { startEmulator } from '../../emulator/server.js';
import type { Emulator, EmulatorOptions } from '../../emulator/types.js';

export const API_KEY = 'emulator-api-key';
export const TOKEN = 'emulator-access-token';
export const BASE = 'models/gemini-1.5-flash-001-tuning';

/** The tutorial's number-generator training set. */
export const NUMBER_EXAMPLES: { textInput: string; output: string }[] = [
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

export function tunedModelBody(
  over: Record<string, unknown> = {},
  hyper: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    displayName: 'number generator',
    baseModel: BASE,
    tuningTask: {
      hyperparameters: { batchSize: 2, learningRate: 0.001, epochCount: 5, ...hyper },
      trainingData: { examples: { examples: NUMBER_EXAMPLES } },
    },
    ...over,
  };
}

export interface Res {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export class Client {
  constructor(
    readonly emu: Emulator,
    readonly auth: Record<string, string> = { 'x-goog-api-key': API_KEY },
  ) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
    const init: RequestInit = { method, headers: { ...this.auth, ...headers } };
    if (body !== undefined) {
      init.body = typeof body === 'string' ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
    const r = await fetch(this.emu.url + path, init);
    const text = await r.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: r.status, headers: r.headers, text, json };
  }

  get(path: string): Promise<Res> {
    return this.call('GET', path);
  }
  post(path: string, body: unknown = {}): Promise<Res> {
    return this.call('POST', path, body);
  }

  /** Create a tuned model; returns the Operation JSON. */
  async create(over: Record<string, unknown> = {}, hyper: Record<string, unknown> = {}, query = ''): Promise<any> {
    const r = await this.post(`/v1beta/tunedModels${query}`, tunedModelBody(over, hyper));
    if (r.status !== 200) throw new Error(`create failed: ${r.status} ${r.text}`);
    return r.json;
  }
}

export async function withEmulator(opts: EmulatorOptions = {}): Promise<{ emu: Emulator; c: Client }> {
  // The Gemini API tuning surface is what these tests drive: its (2025) tunable model is on unless a test says.
  const emu = await startEmulator({ ...opts, training: { tunable: true, ...opts.training } });
  return { emu, c: new Client(emu) };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Poll until `f` returns a truthy value (or time out). */
export async function until<T>(f: () => Promise<T | undefined | false>, timeoutMs = 5000, everyMs = 5): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out');
    await sleep(everyMs);
  }
}
