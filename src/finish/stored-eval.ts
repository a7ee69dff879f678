/**
 * The eval set of a job left training, stored where `mode: finish` can read it (decision 11: on
 * Vertex AI, `PREFIX/eval/<sha256>.jsonl` next to the training set): the cases as the loader made
 * them, one JSON object per line. The name is the SHA-256 of the bytes, and finish checks the
 * bytes it reads against it, so the set it evaluates with is exactly the one the tune run loaded.
 */

import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { SCORER_NAMES, type EvalCase } from '../domain.js';
import { jsonDepthExceeds } from '../util/json-depth.js';

const scorer = z.enum(SCORER_NAMES);
const caseSchema = z.strictObject({
  id: z.string(),
  input: z.string(),
  expected: z.nullable(z.string()),
  scorer: z.nullable(scorer),
  threshold: z.optional(z.nullable(z.number())),
  assert: z.optional(z.array(z.strictObject({ scorer, expected: z.string(), threshold: z.nullable(z.number()) }))),
  system: z.optional(z.nullable(z.string())),
  turns: z.optional(z.array(z.strictObject({ role: z.enum(['user', 'model']), text: z.string() }))),
  line: z.number(),
});

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The cases as JSONL bytes, and their digest (the object's name). */
export function serializeCases(cases: readonly EvalCase[]): { bytes: Buffer; sha256: string } {
  const bytes = Buffer.from(cases.map((c) => `${JSON.stringify(c)}\n`).join(''), 'utf8');
  return { bytes, sha256: sha256(bytes) };
}

/** The cases back from the stored bytes; throws when the bytes are not the ones recorded. */
export function parseCases(bytes: Buffer, expectedSha256: string): EvalCase[] {
  if (sha256(bytes) !== expectedSha256) {
    throw new Error(`the stored eval set does not match its recorded SHA-256 (${expectedSha256.slice(0, 12)}…)`);
  }
  const cases: EvalCase[] = [];
  const lines = bytes.toString('utf8').split('\n');
  for (const [i, line] of lines.entries()) {
    if (line === '') continue;
    const value: unknown = JSON.parse(line);
    // The cases were bounded when loaded; checked again before anything walks them.
    if (jsonDepthExceeds(value, 8)) throw new Error(`the stored eval set's line ${i + 1} is nested too deeply`);
    const parsed = caseSchema.safeParse(value);
    if (!parsed.success) throw new Error(`the stored eval set's line ${i + 1} is not an eval case`);
    cases.push(parsed.data as EvalCase);
  }
  return cases;
}
