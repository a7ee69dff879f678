import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  canonicalJson,
  contentKey,
  EMPTY_SET_DIGEST,
  tunedModelIdFor,
  type ContentKeyInput,
} from '../../../src/dataset/content-key.js';
import { loadTrainingSet } from '../../../src/dataset/validate/load-training.js';
import { TempWorkspace } from './helpers.js';
import { analysedDigest, referenceDigest } from '../../helpers/examples-digest.js';
import type { Hyperparameters, TrainingExample } from '../../../src/domain.js';

const ws = new TempWorkspace();
afterAll(() => ws.cleanup());

const HP: Hyperparameters = {
  epochCount: 5,
  batchSize: 4,
  learningRate: 0.001,
  learningRateMultiplier: null,
  adapterSize: null,
};
const base = (examples: TrainingExample[]): ContentKeyInput => ({
  backend: 'gemini-api',
  baseModel: 'models/gemini-1.5-flash-001-tuning',
  hyperparameters: HP,
  examples: referenceDigest(examples),
  validationExamples: EMPTY_SET_DIGEST,
});

// Any Unicode text (code points, no lone surrogates: those cannot be written as UTF-8),
// including quotes, commas, CR, LF and CRLF, non-blank so that it is a valid field.
const text = fc
  .string({
    unit: fc.oneof(
      fc.constantFrom('"', ',', '\n', '\r', '\r\n', ' ', '\\', '{', '}'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    ),
    minLength: 1,
    maxLength: 20,
  })
  .filter((s) => s.trim() !== '');
const pair = fc.record({ textInput: text, output: text });
const pairs = fc.array(pair, { minLength: 1, maxLength: 8 });

const csvField = (s: string) => `"${s.replace(/"/g, '""')}"`;
const aliases = ['text_input', 'textInput', 'input'] as const;

function renderings(
  ex: { textInput: string; output: string }[],
  eol: '\n' | '\r\n',
  aliasSeed: number,
): Record<string, string> {
  return {
    'set.jsonl':
      ex.map((e, i) => JSON.stringify({ output: e.output, [aliases[(i + aliasSeed) % 3]!]: e.textInput })).join(eol) +
      (aliasSeed % 2 === 0 ? eol : ''),
    'set.json': JSON.stringify(
      { examples: ex.map((e) => ({ textInput: e.textInput, output: e.output })) },
      null,
      aliasSeed % 4,
    ),
    'set.csv':
      [
        aliasSeed % 2 === 0 ? 'text_input,output' : 'output,input',
        ...ex.map((e) =>
          aliasSeed % 2 === 0
            ? `${csvField(e.textInput)},${csvField(e.output)}`
            : `${csvField(e.output)},${csvField(e.textInput)}`,
        ),
      ].join(eol) + eol,
    // Vertex AI's own formats: `contents` (with role and parts) and the legacy `messages`.
    'set-contents.jsonl':
      ex
        .map((e) =>
          JSON.stringify({
            contents: [
              { role: 'user', parts: [{ text: e.textInput }] },
              { parts: [{ text: e.output }], role: 'model' },
            ],
          }),
        )
        .join(eol) + eol,
    'set-messages.jsonl':
      ex
        .map((e) =>
          JSON.stringify({
            messages: [
              { role: 'user', content: e.textInput },
              { role: 'model', content: e.output },
            ],
          }),
        )
        .join(eol) + eol,
  };
}

describe('contentKey', () => {
  it('is the same for JSONL, JSON, CSV, Vertex AI contents and legacy messages renderings, loaded or streamed', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(pairs, fc.constantFrom('\n' as const, '\r\n' as const), fc.nat(11), async (ex, eol, seed) => {
        const dir = `p${run++}`;
        for (const backend of ['gemini-api', 'vertex-ai'] as const) {
          const keys = new Set<string>();
          for (const [name, content] of Object.entries(renderings(ex, eol, seed))) {
            const file = ws.write(`${dir}/${name}`, (seed % 3 === 0 ? '\uFEFF' : '') + content);
            const ds = await loadTrainingSet(file, { backend, role: 'training', workspace: ws.dir });
            expect(
              ds.problems.filter((p) => p.severity === 'error'),
              `${name}: ${JSON.stringify(ds.problems)}`,
            ).toEqual([]);
            expect(ds.records.map((r) => ({ textInput: r.textInput, output: r.output }))).toEqual(ex);
            keys.add(contentKey({ ...base(ds.records), backend }));
            // The streaming path (no records kept) digests to the same key.
            const streamed = await loadTrainingSet(file, {
              backend,
              role: 'training',
              workspace: ws.dir,
              keepRecords: false,
            });
            expect(streamed.records).toEqual([]);
            keys.add(contentKey({ ...base([]), backend, examples: streamed.analysis!.digest }));
          }
          expect(keys.size).toBe(1);
          expect([...keys][0]).toBe(contentKey({ ...base(ex.map((e) => ({ ...e, line: 0 }))), backend }));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('changes when any one character of any example changes', () => {
    fc.assert(
      fc.property(
        pairs,
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
        (ex, which, pos, inOutput, ch) => {
          const examples = ex.map((e, i) => ({ ...e, line: i + 1 }));
          const k = which % examples.length;
          const target = examples[k]!;
          const field = inOutput ? 'output' : 'textInput';
          const chars = [...target[field]];
          const p = pos % chars.length;
          fc.pre(chars[p] !== ch);
          chars[p] = ch;
          const changed = examples.map((e, i) => (i === k ? { ...e, [field]: chars.join('') } : e));
          expect(contentKey(base(changed))).not.toBe(contentKey(base(examples)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('changes with the base model, the backend, any hyperparameter, and the validation set', () => {
    const hpKeys = ['epochCount', 'batchSize', 'learningRate', 'learningRateMultiplier', 'adapterSize'] as const;
    fc.assert(
      fc.property(
        pairs,
        fc.string({ minLength: 1 }),
        fc.constantFrom(...hpKeys),
        fc.option(fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.double({ min: 1e-6, max: 10, noNaN: true })), {
          nil: null,
        }),
        (ex, model, hpKey, value) => {
          const examples = ex.map((e) => ({ ...e, line: 1 }));
          const k0 = contentKey(base(examples));
          fc.pre(model !== base([]).baseModel);
          expect(contentKey({ ...base(examples), baseModel: model })).not.toBe(k0);
          expect(contentKey({ ...base(examples), backend: 'vertex-ai' })).not.toBe(k0);
          if (value !== HP[hpKey])
            expect(contentKey({ ...base(examples), hyperparameters: { ...HP, [hpKey]: value } })).not.toBe(k0);
          expect(contentKey({ ...base(examples), validationExamples: referenceDigest(examples.slice(0, 1)) })).not.toBe(
            k0,
          );
          // moving an example from training to validation is a different dataset too
          expect(
            contentKey({ ...base(examples.slice(1)), validationExamples: referenceDigest(examples.slice(0, 1)) }),
          ).not.toBe(k0);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('ignores line numbers and is a 64-hex sha256; examples are ordered', () => {
    const a = [
      { textInput: 'a', output: 'b', line: 1 },
      { textInput: 'c', output: 'd', line: 2 },
    ];
    const b = a.map((e) => ({ ...e, line: e.line + 10 }));
    expect(contentKey(base(a))).toBe(contentKey(base(b)));
    expect(contentKey(base(a))).toMatch(/^[0-9a-f]{64}$/);
    expect(contentKey(base([...a].reverse()))).not.toBe(contentKey(base(a)));
    // pair boundaries are unambiguous
    expect(contentKey(base([{ textInput: 'ab', output: 'c', line: 1 }]))).not.toBe(
      contentKey(base([{ textInput: 'a', output: 'bc', line: 1 }])),
    );
  });

  it('native records are keyed by their canonical JSON, independent of key order', () => {
    const n1 = {
      contents: [
        { role: 'user', parts: [{ text: 'q' }] },
        { parts: [{ text: 'a' }], role: 'model' },
      ],
      systemInstruction: { parts: [{ text: 's' }] },
    };
    const n2 = {
      systemInstruction: { parts: [{ text: 's' }] },
      contents: [
        { parts: [{ text: 'q' }], role: 'user' },
        { role: 'model', parts: [{ text: 'a' }] },
      ],
    };
    const k1 = contentKey({ ...base([{ textInput: 'q', output: 'a', line: 1, native: n1 }]), backend: 'vertex-ai' });
    const k2 = contentKey({ ...base([{ textInput: 'q', output: 'a', line: 5, native: n2 }]), backend: 'vertex-ai' });
    expect(k1).toBe(k2);
    const n3 = { ...n2, systemInstruction: { parts: [{ text: 'S' }] } };
    expect(
      contentKey({ ...base([{ textInput: 'q', output: 'a', line: 1, native: n3 }]), backend: 'vertex-ai' }),
    ).not.toBe(k1);
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }], u: undefined })).toBe('{"a":[{"c":"x","d":null}],"b":1}');
  });
});

describe('tunedModelIdFor', () => {
  it('gives a valid Gemini tunedModelId derived from the key', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const key = contentKey({ ...base([{ textInput: s || 'x', output: 'y', line: 1 }]) });
        const id = tunedModelIdFor(key);
        expect(id).toMatch(/^[a-z]([a-z0-9-]{0,38}[a-z0-9])?$/);
        expect(id).toBe(`gt-${key.slice(0, 32)}`);
      }),
    );
    expect(tunedModelIdFor('Not Hex!')).toMatch(/^gt-[0-9a-f]{32}$/);
  });
});

describe('the set digest', () => {
  it('hashes exactly the examples’ canonical text, whatever the chunk boundaries', async () => {
    const big = fc.constantFrom('x'.repeat(400_000), '漢'.repeat(200_000), '😀'.repeat(100_000));
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            { weight: 5, arbitrary: pair },
            { weight: 1, arbitrary: fc.record({ textInput: big, output: text }) },
          ),
          { maxLength: 12 },
        ),
        async (ex) => {
          const plain = createHash('sha256');
          for (const e of ex)
            plain.update(`P${e.textInput.length}:${e.textInput}${e.output.length}:${e.output}`, 'utf8');
          plain.update(`#${ex.length}`);
          const expected = plain.digest('hex');
          expect(await analysedDigest(ex)).toBe(expected);
          expect(referenceDigest(ex)).toBe(expected);
        },
      ),
      { numRuns: 40 },
    );
  });
});
