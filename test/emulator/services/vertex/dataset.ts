/**
 * Checks a Vertex AI supervised-tuning dataset (contents JSONL) the way the service does before
 * training, and computes the statistics it reports in tuningDataStats.
 */
import type { Example } from '../gemini/standin.js';

type Json = Record<string, unknown>;

export interface DatasetSummary {
  examples: Example[];
  exampleCount: number;
  totalChars: number;
  inputTokens: number[];
  outputTokens: number[];
  messagesPerExample: number[];
  sample: Json[];
}

const tokens = (s: string): number => (s === '' ? 0 : Math.max(1, Math.ceil([...s].length / 4)));

function textOf(content: Json): string {
  const parts = content['parts'];
  if (!Array.isArray(parts)) return '';
  return parts
    .map((p) =>
      p !== null && typeof p === 'object' && typeof (p as Json)['text'] === 'string'
        ? ((p as Json)['text'] as string)
        : '',
    )
    .join('');
}

/** Parse and check; returns the summary or a message naming the first bad line. */
export function checkDataset(text: string, uri: string): DatasetSummary | { error: string } {
  const lines = text.split(/\r?\n/);
  const out: DatasetSummary = {
    examples: [],
    exampleCount: 0,
    totalChars: 0,
    inputTokens: [],
    outputTokens: [],
    messagesPerExample: [],
    sample: [],
  };
  const bad = (line: number, why: string): { error: string } => ({
    error: `Dataset ${uri} is invalid: line ${line}: ${why}`,
  });
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(raw);
    } catch {
      return bad(i + 1, 'not valid JSON.');
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return bad(i + 1, 'expected a JSON object.');
    const o = v as Json;
    const contents = o['contents'];
    if (!Array.isArray(contents) || contents.length === 0) {
      return bad(i + 1, '"contents" is required and must be a non-empty list (Vertex AI contents format).');
    }
    for (const k of Object.keys(o)) {
      if (!['contents', 'systemInstruction', 'system_instruction', 'tools'].includes(k)) {
        return bad(i + 1, `unknown field "${k}".`);
      }
    }
    let input = '';
    let output = '';
    let lastUser = '';
    for (let j = 0; j < contents.length; j++) {
      const c = contents[j] as unknown;
      if (c === null || typeof c !== 'object') return bad(i + 1, `contents[${j}] must be an object.`);
      const role = (c as Json)['role'];
      if (role !== 'user' && role !== 'model') {
        return bad(i + 1, `contents[${j}].role must be "user" or "model", got ${JSON.stringify(role)}.`);
      }
      const parts = (c as Json)['parts'];
      if (!Array.isArray(parts) || parts.length === 0) return bad(i + 1, `contents[${j}].parts must not be empty.`);
      const t = textOf(c as Json);
      if (role === 'user') {
        input += t;
        lastUser = t;
      } else output += t;
      if (j > 0 && (contents[j - 1] as Json)['role'] === role) {
        return bad(i + 1, `contents[${j}]: turns must alternate between "user" and "model".`);
      }
    }
    if ((contents[contents.length - 1] as Json)['role'] !== 'model') {
      return bad(i + 1, 'the last turn must have role "model".');
    }
    const si = o['systemInstruction'] ?? o['system_instruction'];
    const siText = si !== null && typeof si === 'object' ? textOf(si as Json) : '';
    out.exampleCount++;
    out.totalChars += [...input].length + [...output].length + [...siText].length;
    out.inputTokens.push(tokens(input + siText));
    out.outputTokens.push(tokens(output));
    out.messagesPerExample.push(contents.length);
    out.examples.push({ textInput: lastUser, output: textOf(contents[contents.length - 1] as Json) });
    if (out.sample.length < 3) out.sample.push(...(contents as Json[]).slice(0, 2));
  }
  if (out.exampleCount === 0) return { error: `Dataset ${uri} is invalid: it contains no examples.` };
  return out;
}

/** SupervisedTuningDatasetDistribution */
export function distribution(values: number[]): Json {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const at = (q: number): number => sorted[Math.min(n - 1, Math.max(0, Math.round(q * (n - 1))))]!;
  const sum = sorted.reduce((a, b) => a + b, 0);
  const min = sorted[0] ?? 0;
  const max = sorted[n - 1] ?? 0;
  const buckets: Json[] = [];
  const width = Math.max(1, Math.ceil((max - min + 1) / 5));
  for (let left = min; left <= max; left += width) {
    const right = left + width;
    const count = sorted.filter((v) => v >= left && (v < right || (right > max && v <= max))).length;
    if (count > 0) buckets.push({ count, left, right });
  }
  return {
    sum: String(sum),
    billableSum: String(sum),
    min,
    max,
    mean: n === 0 ? 0 : sum / n,
    median: at(0.5),
    p5: at(0.05),
    p95: at(0.95),
    buckets,
  };
}
