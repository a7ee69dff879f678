import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { CreateTuningRequest } from '../../../src/backends/backend.js';
import { GeminiApiBackend } from '../../../src/backends/gemini-api.js';
import type { GoogleHttp } from '../../../src/backends/http.js';
import { GEMINI_MAX_REQUEST_BYTES } from '../../../src/dataset/analysis/analyzer.js';
import { contentKey, EMPTY_SET_DIGEST } from '../../../src/dataset/content-key.js';
import { loadTrainingSet } from '../../../src/dataset/validate/load-training.js';
import { emptyScan, estimateTokens, scanText } from '../../../src/dataset/analysis/text-scan.js';
import { toVertexJsonl, toVertexRecord, vertexJsonlChunks } from '../../../src/dataset/to-vertex-jsonl.js';
import { lines, TempWorkspace } from './helpers.js';
import { examplesInMemory } from '../../../src/dataset/example-set.js';
import { referenceDigest } from '../../helpers/examples-digest.js';

const ws = new TempWorkspace();
afterAll(() => ws.cleanup());

const HP = { epochCount: null, batchSize: null, learningRate: null, learningRateMultiplier: null, adapterSize: null };

describe('conversion to Vertex AI contents JSONL', () => {
  it('pairs, contents (unknown fields and the system role dropped) and legacy messages', async () => {
    const f = ws.write(
      'mixed.jsonl',
      lines(
        { text_input: 'q1', output: 'a1' },
        {
          systemInstruction: { role: 'system', parts: [{ text: 'Be brief.' }] },
          contents: [
            { parts: [{ text: 'q2' }], role: 'user' },
            { role: 'model', parts: [{ text: 'a' }, { text: '2' }] },
          ],
        },
        {
          messages: [
            { role: 'system', content: 'Be brief.' },
            { role: 'user', content: 'hi' },
            { role: 'model', content: 'hello' },
            { role: 'user', content: 'q3' },
            { role: 'model', content: 'a3' },
          ],
        },
      ),
    );
    const ds = await loadTrainingSet(f, { backend: 'vertex-ai', role: 'training', workspace: ws.dir });
    expect(ds.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(ds.records.map((r) => [r.textInput, r.output, r.line])).toEqual([
      ['q1', 'a1', 1],
      ['q2', 'a2', 2],
      ['q3', 'a3', 3],
    ]);
    const jsonl = toVertexJsonl(ds.records);
    expect(jsonl).toBe(
      [
        '{"contents":[{"role":"user","parts":[{"text":"q1"}]},{"role":"model","parts":[{"text":"a1"}]}]}',
        '{"systemInstruction":{"parts":[{"text":"Be brief."}]},"contents":[{"role":"user","parts":[{"text":"q2"}]},{"role":"model","parts":[{"text":"a"},{"text":"2"}]}]}',
        '{"systemInstruction":{"parts":[{"text":"Be brief."}]},"contents":[{"role":"user","parts":[{"text":"hi"}]},{"role":"model","parts":[{"text":"hello"}]},{"role":"user","parts":[{"text":"q3"}]},{"role":"model","parts":[{"text":"a3"}]}]}',
        '',
      ].join('\n'),
    );
    expect([...vertexJsonlChunks(ds.records, 10)].join('')).toBe(jsonl);
    expect(toVertexRecord(ds.records[0]!)).toEqual({
      contents: [
        { role: 'user', parts: [{ text: 'q1' }] },
        { role: 'model', parts: [{ text: 'a1' }] },
      ],
    });
    // Every line parses back, and the system instruction changes the key.
    for (const l of jsonl.trim().split('\n')) expect(() => JSON.parse(l) as unknown).not.toThrow();
    const withSystem = contentKey({
      backend: 'vertex-ai',
      baseModel: 'm',
      hyperparameters: HP,
      examples: referenceDigest([ds.records[1]!]),
      validationExamples: EMPTY_SET_DIGEST,
    });
    const without = contentKey({
      backend: 'vertex-ai',
      baseModel: 'm',
      hyperparameters: HP,
      examples: referenceDigest([{ textInput: 'q2', output: 'a2' }]),
      validationExamples: EMPTY_SET_DIGEST,
    });
    expect(withSystem).not.toBe(without);
  });

  it('the streaming path reports the same problems and keeps no records', async () => {
    const content = lines(...Array.from({ length: 25 }, (_, i) => ({ text_input: `q${i}`, output: `a${i}` })), {
      contents: [{ role: 'user', parts: [{ text: 'x' }] }],
    });
    const f = ws.write('s.jsonl', content);
    const loaded = await loadTrainingSet(f, { backend: 'vertex-ai', role: 'training', workspace: ws.dir });
    const streamed = await loadTrainingSet(f, {
      backend: 'vertex-ai',
      role: 'training',
      workspace: ws.dir,
      keepRecords: false,
    });
    expect(streamed.records).toEqual([]);
    expect(loaded.records).toHaveLength(25);
    expect(streamed.problems).toEqual(loaded.problems);
    expect(streamed.analysis?.stats(0)).toEqual(loaded.analysis?.stats(0));
    expect(streamed.analysis?.digest).toBe(loaded.analysis?.digest);
  });
});

describe('text scan', () => {
  const scan = (s: string) => ({ ...scanText(s, 1, emptyScan()) });

  it('folds ASCII case and whitespace for the normalised fingerprint, not for the exact one', () => {
    const a = scan('Hello  World\n');
    const b = scan(' hello world');
    const c = scan('hello world');
    expect([a.normLo, a.normHi]).toEqual([b.normLo, b.normHi]);
    expect([c.normLo, c.normHi]).toEqual([b.normLo, b.normHi]);
    expect([a.exactLo, a.exactHi]).not.toEqual([b.exactLo, b.exactHi]);
    expect([b.exactLo, b.exactHi]).not.toEqual([c.exactLo, c.exactHi]);
    expect(scan('hello world!').normLo).not.toBe(c.normLo);
    expect(scan('ab').normLo).not.toBe(scan('ba').normLo);
    expect(scan('abc').normLo).not.toBe(scan('ab c').normLo);
  });

  it('counts code points, characters outside ASCII, and visible content', () => {
    expect(scan('a😀é')).toMatchObject({ chars: 3, nonAscii: 2, visible: true });
    expect(scan(' \u200b … ')).toMatchObject({ visible: false });
    expect(scan('—')).toMatchObject({ visible: false });
    expect(scan('Ω')).toMatchObject({ visible: true });
    expect(estimateTokens(400, 0)).toBe(100);
    expect(estimateTokens(401, 1)).toBe(101);
  });
});

describe('Gemini API create: the inline request size is checked before sending', () => {
  it('refuses a body over 4 MiB without a request, and sends one under it', async () => {
    const sent: unknown[] = [];
    const http = {
      json: (req: unknown) => {
        sent.push(req);
        return Promise.resolve({ name: 'tunedModels/x/operations/y', metadata: { tunedModel: 'tunedModels/x' } });
      },
    } as unknown as GoogleHttp;
    const backend = new GeminiApiBackend(http, 'http://127.0.0.1:9');
    const req = (n: number, size: number): CreateTuningRequest => ({
      baseModel: 'models/gemini-1.5-flash-001-tuning',
      displayName: 'd',
      description: '',
      hyperparameters: HP,
      examples: examplesInMemory(
        Array.from({ length: n }, (_, i) => ({
          textInput: `${i}`.padEnd(size, 'x'),
          output: 'y',
          line: i + 1,
        })),
      ),
      validationExamples: examplesInMemory([]),
      contentKey: 'k',
      tunedModelId: null,
    });
    await expect(backend.create(req(110, 39_000))).rejects.toThrow(
      /the tunedModels\.create request would be 4,29\d,\d{3} bytes, and the Gemini API takes the examples inline in one request of at most 4 MB \(4,194,304 bytes\): use fewer or shorter examples, or the vertex-ai backend/,
    );
    expect(sent).toHaveLength(0);
    await backend.create(req(100, 39_000));
    expect(sent).toHaveLength(1);
    expect(GEMINI_MAX_REQUEST_BYTES).toBe(4 * 1024 * 1024);
  });
});

describe('text scan (property)', () => {
  const word = fc.string({
    unit: fc.constantFrom('a', 'B', 'z', 'Q', '1', '.', 'é', '😀', '漢', '-'),
    minLength: 1,
    maxLength: 6,
  });
  const space = fc.constantFrom(' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u3000');
  // Only ASCII letters are case-folded.
  const asciiUpper = (x: string) => x.replace(/[a-z]/g, (c) => c.toUpperCase());
  const asciiLower = (x: string) => x.replace(/[A-Z]/g, (c) => c.toLowerCase());
  it('ASCII case and whitespace variants share the normalised fingerprint; other edits change it', () => {
    fc.assert(
      fc.property(
        fc.array(word, { minLength: 1, maxLength: 8 }),
        space,
        space,
        fc.boolean(),
        (words, sep, tail, lead) => {
          const a = words.join(' ');
          const b = (lead ? tail : '') + words.map((w, k) => (k % 2 ? asciiUpper(w) : asciiLower(w))).join(sep) + tail;
          const sa = { ...scanText(asciiLower(a), 7, emptyScan()) };
          const sb = { ...scanText(b, 7, emptyScan()) };
          expect([sb.normLo, sb.normHi]).toEqual([sa.normLo, sa.normHi]);
          if (asciiLower(a) !== b) expect([sb.exactLo, sb.exactHi]).not.toEqual([sa.exactLo, sa.exactHi]);
          const edited = { ...scanText(`${asciiLower(a)}x`, 7, emptyScan()) };
          expect([edited.normLo, edited.normHi]).not.toEqual([sa.normLo, sa.normHi]);
          expect(sa.chars).toBe([...a].length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
