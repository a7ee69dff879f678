/** Eval cases in Vertex AI's own form: systemInstruction + multi-turn contents (INTERFACE "Eval sets", v2). */

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadEvalSet } from '../../../src/dataset/validate/load-eval.js';

const dir = mkdtempSync(join(tmpdir(), 'eval-native-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const turn = (role: string, text: string) => ({ role, parts: [{ text }] });

async function load(records: unknown[]) {
  const file = join(dir, `e${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return loadEvalSet(file, { workspace: dir });
}

describe('eval cases with contents', () => {
  it('the last user turn is the input, the turns before it the conversation, the model turn after it expected', async () => {
    const r = await load([
      {
        id: 'chat',
        systemInstruction: { parts: [{ text: 'Be brief.' }] },
        contents: [turn('user', 'a'), turn('model', 'b'), turn('user', 'c'), turn('model', 'd')],
      },
      { id: 'open', contents: [turn('user', 'hello')] },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.records[0]).toMatchObject({
      id: 'chat',
      input: 'c',
      expected: 'd',
      scorer: 'exact',
      system: 'Be brief.',
      turns: [
        { role: 'user', text: 'a' },
        { role: 'model', text: 'b' },
      ],
    });
    expect(r.records[1]).toMatchObject({ id: 'open', input: 'hello', expected: null, scorer: null });
    expect(r.records[1]!.turns).toBeUndefined();
  });

  it('a turn with another role, a part that is not text, or no user turn: a problem at its line', async () => {
    const r = await load([
      { contents: [turn('assistant', 'x')] },
      { contents: [{ role: 'user', parts: [{ inlineData: { data: 'AA==' } }] }] },
      { contents: [turn('model', 'x')] },
      { contents: [] },
    ]);
    expect(r.records).toEqual([]);
    expect(r.problems.map((p) => [p.line, p.message])).toEqual([
      [1, 'contents[0].role must be "user" or "model"'],
      [2, 'contents[0].parts[0] is not a text part: only text parts are supported in eval cases'],
      [3, '"contents" has no "user" turn to ask the model'],
      [4, '"contents" must be a non-empty list of turns ({"role": "user" | "model", "parts": [...]})'],
    ]);
  });
});
