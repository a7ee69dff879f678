/**
 * What a 2xx answer from Google must look like before anything reads it. Every call names the
 * resource it expects (an Operation, a TuningJob, …) with a zod schema of the fields the code reads;
 * a body that is not JSON, not an object, or has a field of the wrong type is a MalformedAnswerError
 * that names the call and quotes a short preview of what came back (never retried: the same call
 * would be read the same way). Also the numbers of an answer as the APIs send them (int64 as
 * strings, floats that may be "NaN"), and the loss snapshots, of which only finite, non-negative
 * losses are kept.
 */

import * as z from 'zod/mini';
import { scrub } from '../runner/secrets.js';
import { MalformedAnswerError } from './errors.js';

/** What a call answers: the resource's name for messages, and the shape of its fields. */
export interface Answer {
  kind: string;
  schema: z.ZodMiniType;
}

/** An optional field: proto3 JSON may leave it out or (rarely) send null. */
export const opt = <T extends z.ZodMiniType>(schema: T) => z.optional(z.nullable(schema));
/** A number as the APIs send one: a JSON number, or a string (int64, "NaN", "Infinity"). */
export const numeric = z.union([z.number(), z.string()]);
/** google.rpc.Status, as an Operation's or a job's `error`. */
export const rpcStatus = z.looseObject({ code: opt(z.number()), message: opt(z.string()), status: opt(z.string()) });
/** An answer whose body is not read (google.protobuf.Empty): any object, or an empty body. */
export const EMPTY: Answer = { kind: 'Empty', schema: z.union([z.looseObject({}), z.literal('')]) };

const PREVIEW_CHARS = 80;

/** `data` when it has the shape `answer` describes; else a MalformedAnswerError naming `call`. */
export function checkAnswer<T>(answer: Answer, data: unknown, call: string, httpStatus: number): T {
  const result = answer.schema.safeParse(data);
  if (result.success) return data as T;
  const article = /^[AEIOU]/i.test(answer.kind) ? 'an' : 'a';
  const why =
    typeof data === 'string'
      ? data.trim() === ''
        ? 'an empty body'
        : 'not a JSON object'
      : data === null || typeof data !== 'object' || Array.isArray(data)
        ? 'not a JSON object'
        : issueText(result.error.issues[0]);
  throw new MalformedAnswerError(
    scrub(
      `${call} answered HTTP ${httpStatus} with a body that is not ${article} ${answer.kind} (${why}): ${preview(data)}`,
    ),
    call,
    httpStatus,
  );
}

function issueText(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'unexpected shape';
  const path = issue.path.map(String).join('.') || 'the body';
  return issue.code === 'invalid_type'
    ? `${path} is not ${issue.expected === 'array' ? 'an' : 'a'} ${issue.expected}`
    : `${path}: ${issue.message}`;
}

/** The start of a body, on one line, for an error message. */
export function preview(data: unknown): string {
  let text: string;
  try {
    text = typeof data === 'string' ? data : (JSON.stringify(data) ?? String(data));
  } catch {
    text = String(data);
  }
  text = text.replace(/\s+/g, ' ').trim();
  if (text === '') return '(empty)';
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A finite number from a JSON number or a decimal string (int64, float); null for anything else. */
export function wireNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' && DECIMAL.test(v.trim())) {
    const n = Number(v.trim());
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** The largest finite 32-bit float: the service's `mean_loss` is a `float`, so nothing beyond it is a real loss. */
export const MAX_FLOAT32 = 3.4028234663852886e38;

/**
 * A loss value: finite, not negative, and within a 32-bit float (NaN, Infinity, negative numbers,
 * numbers past FLT_MAX and text are not).
 */
export function lossValue(v: unknown): number | null {
  const n = wireNumber(v);
  return n !== null && n >= 0 && n <= MAX_FLOAT32 ? n : null;
}

/** A step or epoch number: a non-negative integer. */
export function countValue(v: unknown): number | null {
  const n = wireNumber(v);
  return n !== null && n >= 0 && Number.isInteger(n) ? n : null;
}

export interface LossPoint {
  step: number;
  epoch: number | null;
  meanLoss: number;
  computeTime: string | null;
}

/**
 * The loss points of a list as the service sent it: one kept per entry whose step and loss are
 * valid (see lossValue, countValue), in step order; `dropped` counts the others.
 */
export function lossPoints<T>(
  list: readonly T[] | null | undefined,
  read: (entry: T) => { step: unknown; loss: unknown; epoch: number | null; computeTime: unknown },
): { points: LossPoint[]; dropped: number } {
  const points: LossPoint[] = [];
  let dropped = 0;
  for (const entry of list ?? []) {
    const raw = entry !== null && typeof entry === 'object' ? read(entry) : null;
    const step = raw ? countValue(raw.step ?? 0) : null;
    const loss = raw ? lossValue(raw.loss) : null;
    if (raw === null || step === null || loss === null) {
      dropped++;
      continue;
    }
    const computeTime = typeof raw.computeTime === 'string' && raw.computeTime ? raw.computeTime : null;
    points.push({ step, epoch: raw.epoch, meanLoss: loss, computeTime });
  }
  // Stable: entries with the same step keep the service's order.
  points.sort((a, b) => a.step - b.step);
  return { points, dropped };
}

/** Said once per job: how many loss values were left out, and why. */
export function droppedLossMessage(job: string, dropped: number): string {
  return (
    `${job}: left out ${dropped} loss value${dropped === 1 ? '' : 's'} the service reported that ` +
    `${dropped === 1 ? 'is' : 'are'} not a finite, non-negative number (or had no valid step); ` +
    'the chart, the final loss and the gates use the others'
  );
}
