/**
 * An eval case in Vertex AI's own form (INTERFACE "Eval sets", v2): `systemInstruction` and
 * multi-turn `contents`. The turns up to the last `user` turn are the prompt (the last one is the
 * case's input, the earlier ones its conversation), and a `model` turn right after it is the
 * expected output; without one the case is shown, not scored.
 */

import type { EvalTurn } from '../../domain.js';
import { describeType, type ProblemSink } from '../problems.js';
import type { RawRecord } from '../read/records.js';
import { isPlainObject } from '../read/fields.js';

export interface NativeCase {
  input: string;
  turns: EvalTurn[];
  expected: string | null;
  system: string | null;
}

/** The text of a Content's parts (text parts only), or an error message. */
function contentText(content: unknown, where: string): { text: string } | { error: string } {
  if (!isPlainObject(content)) return { error: `${where} is ${describeType(content)}, not an object with "parts"` };
  const parts = content['parts'];
  if (!Array.isArray(parts) || parts.length === 0) return { error: `${where} has no "parts"` };
  let text = '';
  for (const [i, p] of parts.entries()) {
    if (!isPlainObject(p) || typeof p['text'] !== 'string') {
      return { error: `${where}.parts[${i}] is not a text part: only text parts are supported in eval cases` };
    }
    text += p['text'];
  }
  return { text };
}

/** Reads `contents` (and `systemInstruction`) of a record; null after reporting a problem at its line. */
export function nativeCase(rec: RawRecord, obj: Record<string, unknown>, sink: ProblemSink): NativeCase | null {
  const contents = obj['contents'];
  if (!Array.isArray(contents) || contents.length === 0) {
    sink.error(rec.line, '"contents" must be a non-empty list of turns ({"role": "user" | "model", "parts": [...]})');
    return null;
  }
  const turns: EvalTurn[] = [];
  for (const [i, c] of contents.entries()) {
    const role = isPlainObject(c) ? c['role'] : undefined;
    if (role !== 'user' && role !== 'model') {
      sink.error(rec.line, `contents[${i}].role must be "user" or "model"`);
      return null;
    }
    const t = contentText(c, `contents[${i}]`);
    if ('error' in t) {
      sink.error(rec.line, t.error);
      return null;
    }
    turns.push({ role, text: t.text });
  }
  const last = turns.map((t) => t.role).lastIndexOf('user');
  if (last < 0) {
    sink.error(rec.line, '"contents" has no "user" turn to ask the model');
    return null;
  }
  const next = turns[last + 1];
  let system: string | null = null;
  if (obj['systemInstruction'] !== undefined) {
    const s = contentText(obj['systemInstruction'], 'systemInstruction');
    if ('error' in s) {
      sink.error(rec.line, s.error);
      return null;
    }
    system = s.text.trim() !== '' ? s.text : null;
  }
  return { input: turns[last]!.text, turns: turns.slice(0, last), expected: next?.text ?? null, system };
}
