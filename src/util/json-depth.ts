/**
 * Walking user JSON without recursion. JSON.parse builds values of any depth (V8's parser is
 * iterative), but JSON.stringify and every recursive walk overflow the stack on a value nested a
 * few thousand levels deep ("Maximum call stack size exceeded"). Values from a dataset or a model
 * are measured with `jsonDepthExceeds` before anything recursive touches them, compared with
 * `jsonEqual`, and shown with `previewJson`: none of the three recurses.
 */

/** Deepest nesting accepted in a user value (an eval case's fields, a JSON output compared by the `json` scorer). */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether `value` nests arrays/objects more than `max` levels deep (a scalar is depth 0, `[]`
 * and `{}` depth 1). Stops at the first path deeper than `max`, so the cost is bounded by the
 * size of the value, never by its depth.
 */
export function jsonDepthExceeds(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: { value: object; depth: number }[] = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.depth > max) return true;
    const children = Array.isArray(top.value) ? (top.value as unknown[]) : Object.values(top.value);
    for (const child of children) {
      if (child !== null && typeof child === 'object') stack.push({ value: child, depth: top.depth + 1 });
    }
  }
  return false;
}

/** Deep equality of two JSON values (own enumerable keys, in any order; arrays in order), at any depth. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    if (x === y) continue;
    if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') {
      if (typeof x === 'number' && typeof y === 'number' && Number.isNaN(x) && Number.isNaN(y)) continue;
      return false;
    }
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    if (Array.isArray(x)) {
      const ya = y as unknown[];
      if (x.length !== ya.length) return false;
      for (let i = 0; i < x.length; i++) stack.push([x[i], ya[i]]);
      continue;
    }
    const xo = x as Record<string, unknown>;
    const yo = y as Record<string, unknown>;
    const keys = Object.keys(xo);
    if (keys.length !== Object.keys(yo).length) return false;
    for (const k of keys) {
      if (!Object.hasOwn(yo, k)) return false;
      stack.push([xo[k], yo[k]]);
    }
  }
  return true;
}

/** Depth up to which `previewJson` serialises a value; deeper values are described, not shown. */
const PREVIEW_DEPTH = 20;

/**
 * A short, single-line JSON rendering of `value` for a message: at most `maxChars` characters
 * (cut with "..."), and a value nested too deeply to show is described instead of serialised.
 */
export function previewJson(value: unknown, maxChars = 60): string {
  let s: string;
  if (jsonDepthExceeds(value, PREVIEW_DEPTH)) {
    s = `(${Array.isArray(value) ? 'an array' : 'an object'} nested more than ${PREVIEW_DEPTH} levels deep)`;
  } else if (typeof value === 'string' && value.length > maxChars) {
    s = JSON.stringify(value.slice(0, maxChars)); // cut below anyway: no need to copy a long text whole
  } else {
    s = JSON.stringify(value) ?? String(value);
  }
  return s.length > maxChars ? `${s.slice(0, Math.max(0, maxChars - 3))}...` : s;
}
