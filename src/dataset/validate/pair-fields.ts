/**
 * The `{"text_input", "output"}` pair as both record kinds meet it: the field names a pair may use
 * (a Vertex AI record that also has them is mixing formats) and the Gemini API's length limits.
 */

import type { RawRecord } from '../read/records.js';
import { codePointLength } from '../read/fields.js';
import { fmt, type ProblemSink } from '../problems.js';

export const INPUT_ALIASES = ['text_input', 'textInput', 'input'] as const;
export const OUTPUT_ALIASES = ['output'] as const;

/**
 * Gemini API limits per example. The service documents them in "characters"; we count Unicode
 * code points (not UTF-16 code units), so text outside the BMP (emoji, many CJK extension
 * characters) counts once per character, as it would for a Python `len()`.
 */
export const GEMINI_MAX_INPUT_CHARS = 40_000;
export const GEMINI_MAX_OUTPUT_CHARS = 5_000;
/** Every name a pair's fields may have. */
export const PAIR_KEYS = new Set<string>([...INPUT_ALIASES, ...OUTPUT_ALIASES]);

/** Within the Gemini API's limits per example; reports each limit passed. */
export function withinGeminiLimits(rec: RawRecord, textInput: string, output: string, sink: ProblemSink): boolean {
  let ok = true;
  const inLen = codePointLength(textInput);
  if (inLen > GEMINI_MAX_INPUT_CHARS) {
    sink.error(
      rec.line,
      `text_input is ${fmt(inLen)} characters; the Gemini API allows at most ${fmt(GEMINI_MAX_INPUT_CHARS)} per example: shorten it or split the example`,
    );
    ok = false;
  }
  const outLen = codePointLength(output);
  if (outLen > GEMINI_MAX_OUTPUT_CHARS) {
    sink.error(
      rec.line,
      `output is ${fmt(outLen)} characters; the Gemini API allows at most ${fmt(GEMINI_MAX_OUTPUT_CHARS)} per example: shorten it or split the example`,
    );
    ok = false;
  }
  return ok;
}
