/**
 * Vertex AI's own record formats in a training set: `{"systemInstruction"?, "contents": [...]}`
 * and the legacy `{"messages": [...]}` chat format, checked and turned into examples (one turn
 * pair; a multi-turn record only on Vertex AI, which keeps it whole as `native`).
 */

import type { BackendName, TrainingExample } from '../../domain.js';
import { checkString, isPlainObject, UnknownFields } from '../read/fields.js';
import { describeType, previewList, ProblemSink } from '../problems.js';
import { previewJson } from '../../util/json-depth.js';
import type { RawRecord } from '../read/records.js';
import type { NativeRecord, NativeTurn, TextPart } from '../to-vertex-jsonl.js';
import { PAIR_KEYS, withinGeminiLimits } from './pair-fields.js';

/** Text parts of a Content (`{role?, parts: [{text}]}`), or null after reporting what is wrong. */
function contentParts(rec: RawRecord, content: unknown, where: string, sink: ProblemSink): TextPart[] | null {
  if (!isPlainObject(content)) {
    sink.error(
      rec.line,
      `${where} is ${describeType(content)}: it must be an object like {"role": "user", "parts": [{"text": "..."}]}`,
    );
    return null;
  }
  const parts = content['parts'];
  if (!Array.isArray(parts) || parts.length === 0) {
    sink.error(rec.line, `${where} has no "parts": it needs "parts": [{"text": "..."}]`);
    return null;
  }
  const out: TextPart[] = [];
  for (let k = 0; k < parts.length; k++) {
    const part: unknown = parts[k];
    const partWhere = `${where}.parts[${k}]`;
    if (!isPlainObject(part)) {
      sink.error(rec.line, `${partWhere} is ${describeType(part)}: each part must be {"text": "..."}`);
      return null;
    }
    const others = Object.keys(part).filter((key) => key !== 'text');
    if (others.length > 0 || !Object.hasOwn(part, 'text')) {
      sink.error(
        rec.line,
        `${partWhere} is not a text part (${others.length > 0 ? previewList(others) : 'no "text"'}): only text parts are supported for tuning here; remove images, files and function calls`,
      );
      return null;
    }
    const t = checkString(rec, `${partWhere}.text`, part['text'], sink, 'each part');
    if (t === null) return null;
    out.push({ text: t });
  }
  return out;
}

const joinParts = (parts: TextPart[]): string => parts.map((p) => p.text).join('');

function singleTurnOnly(
  rec: RawRecord,
  turns: number,
  system: 'systemInstruction' | 'system message' | null,
  sink: ProblemSink,
): boolean {
  const why: string[] = [];
  if (turns !== 2) why.push(`this record has ${turns} turns`);
  if (system) why.push(`this record has a ${system}`);
  if (why.length === 0) return true;
  sink.error(
    rec.line,
    `the Gemini API tunes single-turn text only: ${why.join(' and ')}; use one user turn and one model turn without a system instruction (e.g. put the instruction into the input), or use the vertex-ai backend`,
  );
  return false;
}

/** The example for a checked native record: the last user and model turns, plus the record for Vertex AI. */
function fromTurns(
  rec: RawRecord,
  backend: BackendName,
  system: TextPart[] | null,
  turns: NativeTurn[],
  sink: ProblemSink,
): TrainingExample | null {
  const lastUser = joinParts(turns.at(-2)?.parts ?? []);
  const lastModel = joinParts(turns.at(-1)?.parts ?? []);
  if (backend === 'gemini-api') {
    if (!withinGeminiLimits(rec, lastUser, lastModel, sink)) return null;
    return { textInput: lastUser, output: lastModel, line: rec.line };
  }
  const native: NativeRecord = system ? { systemInstruction: { parts: system }, contents: turns } : { contents: turns };
  return { textInput: lastUser, output: lastModel, line: rec.line, native };
}

/**
 * Notes the record's unknown fields, and reports a record of `format` that also has the pair
 * fields or `otherKey` (a field of the other chat format): true when it does.
 */
function mixesFormats(
  rec: RawRecord,
  obj: Record<string, unknown>,
  otherKey: string,
  format: string,
  sink: ProblemSink,
  unknown: UnknownFields,
): boolean {
  unknown.note(obj, rec.line);
  const mixed = Object.keys(obj).filter((k) => PAIR_KEYS.has(k) || k === otherKey);
  if (mixed.length === 0) return false;
  sink.error(
    rec.line,
    `the record mixes ${format} with ${mixed.map((f) => `"${f}"`).join(', ')}: use one format per record`,
  );
  return true;
}

export function nativeExample(
  rec: RawRecord,
  obj: Record<string, unknown>,
  backend: BackendName,
  sink: ProblemSink,
  unknown: UnknownFields,
): TrainingExample | null {
  if (mixesFormats(rec, obj, 'messages', 'the Vertex AI "contents" format', sink, unknown)) return null;
  const contents = obj['contents'];
  if (!Array.isArray(contents) || contents.length === 0) {
    sink.error(
      rec.line,
      `"contents" must be a non-empty array of turns, like [{"role": "user", "parts": [{"text": "..."}]}, {"role": "model", "parts": [{"text": "..."}]}]`,
    );
    return null;
  }
  const hasSystem = Object.hasOwn(obj, 'systemInstruction') && obj['systemInstruction'] !== undefined;
  if (backend === 'gemini-api' && !singleTurnOnly(rec, contents.length, hasSystem ? 'systemInstruction' : null, sink))
    return null;
  let ok = true;
  const system = hasSystem ? contentParts(rec, obj['systemInstruction'], 'systemInstruction', sink) : null;
  if (hasSystem && system === null) ok = false;
  const turns: NativeTurn[] = [];
  for (let k = 0; k < contents.length; k++) {
    const turn: unknown = contents[k];
    const where = `contents[${k}]`;
    const expected = k % 2 === 0 ? 'user' : 'model';
    const role = isPlainObject(turn) ? turn['role'] : undefined;
    if (isPlainObject(turn) && role !== expected) {
      sink.error(
        rec.line,
        `${where} has role ${role === undefined ? '(none)' : previewJson(role, 40)} but should be "${expected}": turns alternate "user" and "model", starting with "user"`,
      );
      ok = false;
      continue;
    }
    const parts = contentParts(rec, turn, where, sink);
    if (parts === null) {
      ok = false;
      continue;
    }
    turns.push({ role: expected, parts });
  }
  if (contents.length % 2 !== 0) {
    sink.error(rec.line, `the last turn is a "user" turn: a record must end with a "model" turn, the answer to learn`);
    ok = false;
  }
  if (!ok || turns.length < 2) return null;
  return fromTurns(rec, backend, system, turns, sink);
}

/**
 * Vertex AI's legacy chat format: `{"messages": [{"role": "system", "content": "..."},
 * {"role": "user", "content": "..."}, {"role": "model", "content": "..."}, ...]}`, an optional
 * leading system message and then alternating user and model messages.
 */
export function messagesExample(
  rec: RawRecord,
  obj: Record<string, unknown>,
  backend: BackendName,
  sink: ProblemSink,
  unknown: UnknownFields,
): TrainingExample | null {
  if (mixesFormats(rec, obj, 'systemInstruction', 'the "messages" format', sink, unknown)) return null;
  const messages = obj['messages'];
  if (!Array.isArray(messages) || messages.length === 0) {
    sink.error(
      rec.line,
      `"messages" must be a non-empty array, like [{"role": "user", "content": "..."}, {"role": "model", "content": "..."}]`,
    );
    return null;
  }
  const first: unknown = messages[0];
  const hasSystem = isPlainObject(first) && first['role'] === 'system';
  const turnCount = messages.length - (hasSystem ? 1 : 0);
  if (backend === 'gemini-api' && !singleTurnOnly(rec, turnCount, hasSystem ? 'system message' : null, sink))
    return null;
  let ok = true;
  let system: TextPart[] | null = null;
  const turns: NativeTurn[] = [];
  for (let k = 0; k < messages.length; k++) {
    const m: unknown = messages[k];
    const where = `messages[${k}]`;
    if (!isPlainObject(m)) {
      sink.error(rec.line, `${where} is ${describeType(m)}: each message must be {"role": "user", "content": "..."}`);
      ok = false;
      continue;
    }
    const role = m['role'];
    if (hasSystem && k === 0) {
      const text = checkString(rec, `${where}.content`, m['content'], sink, 'each message');
      if (text === null) ok = false;
      else system = [{ text }];
      continue;
    }
    const expected = (k - (hasSystem ? 1 : 0)) % 2 === 0 ? 'user' : 'model';
    if (role !== expected) {
      const hint =
        role === 'assistant'
          ? ' (this format calls the answer "model", not "assistant")'
          : role === 'system'
            ? ' (a "system" message may only come first)'
            : '';
      sink.error(
        rec.line,
        `${where} has role ${role === undefined ? '(none)' : previewJson(role, 40)} but should be "${expected}"${hint}: after an optional "system" message, messages alternate "user" and "model", starting with "user"`,
      );
      ok = false;
      continue;
    }
    const others = Object.keys(m).filter((key) => key !== 'role' && key !== 'content');
    if (others.length > 0) {
      sink.error(
        rec.line,
        `${where} has ${previewList(others)}: a message has only "role" and "content" (text); remove the rest`,
      );
      ok = false;
      continue;
    }
    const text = checkString(rec, `${where}.content`, m['content'], sink, 'each message');
    if (text === null) {
      ok = false;
      continue;
    }
    turns.push({ role: expected, parts: [{ text }] });
  }
  if (ok && turnCount % 2 !== 0) {
    sink.error(
      rec.line,
      `the last message is a "user" message: a record must end with a "model" message, the answer to learn`,
    );
    ok = false;
  }
  if (!ok || turns.length < 2) return null;
  return fromTurns(rec, backend, system, turns, sink);
}
