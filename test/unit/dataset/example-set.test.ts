import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allExamples } from '../../../src/dataset/example-set.js';
import { loadTrainingSet } from '../../../src/dataset/validate/load-training.js';
import { toVertexJsonl, vertexJsonlStream } from '../../../src/dataset/to-vertex-jsonl.js';
import { lines, TempWorkspace } from './helpers.js';

const ws = new TempWorkspace();
afterAll(() => ws.cleanup());

const records = [
  { text_input: 'q1', output: 'a1' },
  { textInput: 'q2 ✓', output: 'a2' },
  {
    systemInstruction: { parts: [{ text: 'Be brief.' }] },
    contents: [
      { role: 'user', parts: [{ text: 'u1' }] },
      { role: 'model', parts: [{ text: 'm1' }] },
      { role: 'user', parts: [{ text: 'u2' }] },
      { role: 'model', parts: [{ text: 'm2' }] },
    ],
  },
  {
    messages: [
      { role: 'user', content: 'hi' },
      { role: 'model', content: 'hello' },
    ],
  },
];

async function text(stream: AsyncIterable<string>): Promise<string> {
  let out = '';
  for await (const s of stream) out += s;
  return out;
}

describe('a training set not kept in memory', () => {
  it('gives, read again from its file, the examples and upload bytes of one kept in memory', async () => {
    const file = ws.write('set.jsonl', lines(...records, ...Array.from({ length: 3000 }, (_, i) => records[i % 4])));
    const opts = { backend: 'vertex-ai', role: 'training', workspace: ws.dir } as const;
    const kept = await loadTrainingSet(file, opts);
    const streamed = await loadTrainingSet(file, { ...opts, keepRecords: false });
    expect(streamed.records).toEqual([]);
    expect(streamed.examples?.count).toBe(3004);
    expect(kept.examples?.count).toBe(3004);
    expect(await allExamples(streamed.examples!)).toEqual(kept.records);
    // Twice (the upload reads it once to checksum and once to send).
    expect(await text(vertexJsonlStream(streamed.examples!))).toBe(toVertexJsonl(kept.records));
    expect(await text(vertexJsonlStream(streamed.examples!))).toBe(toVertexJsonl(kept.records));
  });

  it('refuses to give examples from a file that changed after it was checked', async () => {
    const file = ws.write('changing.jsonl', lines(...records));
    const abs = path.join(ws.dir, file);
    const streamed = await loadTrainingSet(file, {
      backend: 'vertex-ai',
      role: 'training',
      workspace: ws.dir,
      keepRecords: false,
    });
    appendFileSync(abs, lines({ text_input: 'q5', output: 'a5' }));
    await expect(allExamples(streamed.examples!)).rejects.toThrow(
      /changing\.jsonl changed while the action ran \(5 examples instead of 4\)/,
    );
    writeFileSync(abs, lines(records[0], { text_input: 'q2' }, records[2], records[3]));
    await expect(allExamples(streamed.examples!)).rejects.toThrow(/changed while the action ran \(it now has errors/);
  });
});
