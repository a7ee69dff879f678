/** Shared bits of the Vertex AI / Cloud Storage / STS emulator unit tests. */
import { startEmulator } from '../../emulator/server.js';
import type { Emulator, EmulatorOptions } from '../../emulator/types.js';

export const TOKEN = 'emulator-access-token';
export const PROJECT = 'demo-project';
export const NUMBER = '123456789012';
export const LOC = 'us-central1';
export const PARENT = `/v1/projects/${PROJECT}/locations/${LOC}`;

export interface Res {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

/** A clock the test moves by hand. */
export class ManualClock {
  t = Date.UTC(2026, 0, 1);
  now = (): number => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

export async function call(
  emu: Emulator,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` },
): Promise<Res> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' || Buffer.isBuffer(body) ? (body as string) : JSON.stringify(body);
    if (!('content-type' in headers)) (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const r = await fetch(emu.url + path, init);
  const text = await r.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, headers: r.headers, text, json };
}

/** Contents JSONL for the number-generator examples (n → n+1). */
export function contentsJsonl(n = 16, start = 1): string {
  const lines: string[] = [];
  for (let i = start; i < start + n; i++) {
    lines.push(
      JSON.stringify({
        contents: [
          { role: 'user', parts: [{ text: String(i) }] },
          { role: 'model', parts: [{ text: String(i + 1) }] },
        ],
      }),
    );
  }
  return lines.join('\n') + '\n';
}

export function jobBody(
  over: Record<string, unknown> = {},
  spec: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    baseModel: 'gemini-3.5-flash',
    tunedModelDisplayName: 'number generator',
    supervisedTuningSpec: {
      trainingDatasetUri: 'gs://bucket/data/train.jsonl',
      hyperParameters: { epochCount: '2', learningRateMultiplier: 1, adapterSize: 'ADAPTER_SIZE_FOUR' },
      ...spec,
    },
    ...over,
  };
}

export async function withVertex(opts: EmulatorOptions = {}): Promise<{ emu: Emulator; clock: ManualClock }> {
  const clock = new ManualClock();
  const emu = await startEmulator({ now: clock.now, vertex: { stepMs: 100, pendingMs: 1000 }, ...opts });
  return { emu, clock };
}
