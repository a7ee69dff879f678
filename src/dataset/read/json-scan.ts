/**
 * A strict JSON syntax scanner (RFC 8259, the grammar JSON.parse accepts) that does not build
 * values: it reports where the first syntax error is, with a readable reason, and where the
 * items of selected arrays start, so records in a .json file can be given line numbers.
 * Values themselves come from JSON.parse once the scan says the text is valid.
 */

export type ScanResult = { ok: true; arrays: Map<string, number[]> } | { ok: false; offset: number; reason: string };

class ScanError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

/**
 * @param text the JSON text (no BOM)
 * @param trackPaths array paths whose item offsets to record: '' is the top-level value,
 *   'examples' the `examples` member of the top-level object, 'examples.examples' one level deeper.
 */
export function scanJson(text: string, trackPaths: readonly string[] = []): ScanResult {
  const arrays = new Map<string, number[]>();
  const track = new Set(trackPaths);
  let i = 0;
  const n = text.length;

  const describeAt = (pos: number): string => {
    if (pos >= n) return 'unexpected end of input';
    const cp = text.codePointAt(pos) ?? 0;
    const ch = String.fromCodePoint(cp);
    if (cp < 0x20 || cp === 0x7f)
      return `unexpected control character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
    return ch === "'" ? `unexpected "'" (JSON strings use double quotes)` : `unexpected ${JSON.stringify(ch)}`;
  };
  const fail = (pos: number, reason?: string): never => {
    throw new ScanError(pos, reason ?? describeAt(pos));
  };
  const skipWs = (): void => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };

  const scanString = (): void => {
    // at the opening quote
    const start = i;
    i++;
    for (;;) {
      if (i >= n) fail(start, 'a string is not closed (missing ")');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c === 0x5c) {
        const e = text.charCodeAt(i + 1);
        if (e === 0x75) {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(i, 'bad \\u escape: it needs four hex digits');
          i += 6;
        } else if ('"\\/bfnrt'.includes(text[i + 1] ?? '')) {
          i += 2;
        } else {
          fail(i, i + 1 >= n ? 'unexpected end of input' : `bad escape ${JSON.stringify('\\' + (text[i + 1] ?? ''))}`);
        }
        continue;
      }
      if (c < 0x20) fail(i, `${describeAt(i)} inside a string (write line breaks as \\n, tabs as \\t)`);
      i++;
    }
  };

  const scanNumber = (): void => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = 0;
    const rest = text.slice(i, i + 400);
    const hit = m.exec(rest);
    if (hit === null || hit[0] === '' || hit[0] === '-') fail(i, `${describeAt(i)} (not a valid number)`);
    i += hit![0].length;
    const next = text.charCodeAt(i);
    if (i < n && ((next >= 0x30 && next <= 0x39) || next === 0x2e || next === 0x65 || next === 0x45)) {
      fail(i, `${describeAt(i)} (not a valid number)`);
    }
  };

  const scanValue = (path: string | null, depth: number): void => {
    if (depth > 512) fail(i, 'nested too deeply');
    skipWs();
    if (i >= n) fail(i);
    const c = text[i];
    if (c === '{') {
      i++;
      skipWs();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        skipWs();
        if (text[i] !== '"') {
          fail(
            i,
            text[i] === '}'
              ? 'unexpected "}" after a comma (trailing commas are not allowed in JSON)'
              : `${describeAt(i)} where a "quoted" property name was expected`,
          );
        }
        const keyStart = i;
        scanString();
        const key = path !== null && depth < 3 ? (JSON.parse(text.slice(keyStart, i)) as string) : null;
        skipWs();
        if (text[i] !== ':') fail(i, `${describeAt(i)} where ":" was expected`);
        i++;
        const childPath = path === null || key === null ? null : path === '' ? key : `${path}.${key}`;
        scanValue(childPath, depth + 1);
        skipWs();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(i, `${describeAt(i)} where "," or "}" was expected`);
      }
    }
    if (c === '[') {
      i++;
      const offsets: number[] | null = path !== null && track.has(path) ? [] : null;
      if (offsets !== null && !arrays.has(path!)) arrays.set(path!, offsets);
      skipWs();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        skipWs();
        if (text[i] === ']') fail(i, 'unexpected "]" after a comma (trailing commas are not allowed in JSON)');
        offsets?.push(i);
        scanValue(null, depth + 1);
        skipWs();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(i, `${describeAt(i)} where "," or "]" was expected`);
      }
    }
    if (c === '"') return scanString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return scanNumber();
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return;
      }
    }
    fail(i);
  };

  try {
    skipWs();
    if (i >= n) fail(i, 'no JSON value (the text is empty)');
    scanValue('', 0);
    skipWs();
    if (i < n) fail(i, `${describeAt(i)} after the end of the JSON value (one value only)`);
    return { ok: true, arrays };
  } catch (err) {
    if (err instanceof ScanError) return { ok: false, offset: err.offset, reason: err.reason };
    throw err;
  }
}

/** 1-based line and column (in code points) of a UTF-16 offset in `text`. */
export function lineColumnAt(text: string, offset: number, lineStarts?: number[]): { line: number; column: number } {
  const starts = lineStarts ?? computeLineStarts(text);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  const lineStart = starts[lo] ?? 0;
  const column = [...text.slice(lineStart, offset)].length + 1;
  return { line: lo + 1, column };
}

export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let k = text.indexOf('\n'); k !== -1; k = text.indexOf('\n', k + 1)) starts.push(k + 1);
  return starts;
}
