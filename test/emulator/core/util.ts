/** Small helpers shared by the services: proto3 JSON number/time rendering, ids, page tokens. */
import { randomBytes } from 'node:crypto';
import { ApiError } from './status.js';

/** A float field as proto3 JSON prints it: the shortest decimal that round-trips the float32. */
export function float32(x: number): number {
  const f = Math.fround(x);
  if (!Number.isFinite(f)) return f;
  for (let p = 1; p <= 9; p++) {
    const c = Number(f.toPrecision(p));
    if (Math.fround(c) === f) return c;
  }
  return f;
}

/** RFC 3339 UTC with 'Z' (millisecond precision, one of the widths proto3 JSON emits). */
export function timestamp(ms: number): string {
  return new Date(ms).toISOString();
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Random lower-case id of `len` characters, starting with a letter. */
export function randomId(len: number): string {
  const bytes = randomBytes(len);
  let out = '';
  for (let i = 0; i < len; i++) {
    const alphabet = i === 0 ? ALNUM.slice(0, 26) : ALNUM;
    out += alphabet[bytes[i]! % alphabet.length];
  }
  return out;
}

/** 32-bit FNV-1a, for deterministic "noise". */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function encodePageToken(offset: number, scope: string): string {
  return Buffer.from(JSON.stringify({ o: offset, s: scope })).toString('base64url');
}

export function decodePageToken(token: string, scope: string): number {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o?: unknown; s?: unknown };
    if (typeof v.o === 'number' && Number.isInteger(v.o) && v.o >= 0 && v.s === scope) return v.o;
  } catch {
    // fall through
  }
  throw new ApiError('INVALID_ARGUMENT', 'Invalid page token.');
}

/** Parse a pageSize query value (int32). */
export function pageSizeParam(raw: string | null, dflt: number, max: number): number {
  if (raw === null || raw === '') return dflt;
  if (!/^-?\d+$/.test(raw)) {
    throw new ApiError('INVALID_ARGUMENT', `Invalid value at 'page_size' (TYPE_INT32), "${raw}"`);
  }
  const n = Number(raw);
  if (n < 0) throw new ApiError('INVALID_ARGUMENT', 'page_size must not be negative.');
  if (n === 0) return dflt;
  return Math.min(n, max);
}

/** Query parameters may be written camelCase or snake_case (page_size / pageSize). */
export function queryParam(q: URLSearchParams, camel: string): string | null {
  const snake = camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return q.get(camel) ?? q.get(snake);
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve();
}

/** The emulator's token count of a text: a quarter of its code points, rounded up (at least 1 when not empty). */
export function tokenCount(s: string): number {
  return s === '' ? 0 : Math.max(1, Math.ceil([...s].length / 4));
}

/** Tokens of a countTokens request: every text part of `contents` and of `systemInstruction`. */
export function countRequestTokens(body: Record<string, unknown>): { tokens: number; characters: number } {
  let tokens = 0;
  let characters = 0;
  const add = (content: unknown): void => {
    const parts = (content as { parts?: unknown } | null)?.parts;
    if (!Array.isArray(parts)) return;
    for (const p of parts) {
      const text = (p as { text?: unknown } | null)?.text;
      if (typeof text !== 'string') continue;
      tokens += tokenCount(text);
      characters += [...text].length;
    }
  };
  const contents = body['contents'];
  if (Array.isArray(contents)) contents.forEach(add);
  add(body['systemInstruction'] ?? body['system_instruction']);
  return { tokens, characters };
}
