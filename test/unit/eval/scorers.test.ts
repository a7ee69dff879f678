import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseRegex, score as scoreAsync, scoreText } from '../../../src/eval/scorers.js';
import { RegexGuard } from '../../../src/eval/regex-guard.js';

/** The scorers that need no regex match answer synchronously. */
const score = (scorer: 'exact' | 'contains' | 'not-contains' | 'json', expected: string, output: string) =>
  scoreText(scorer, expected, output);

describe('exact', () => {
  it('trims surrounding whitespace of both sides', () => {
    expect(score('exact', '  Paris\n', '\tParis  \r\n').pass).toBe(true);
    expect(score('exact', 'Paris', 'Paris').pass).toBe(true);
  });
  it('is case-sensitive and keeps inner whitespace', () => {
    expect(score('exact', 'Paris', 'paris').pass).toBe(false);
    expect(score('exact', 'New York', 'New  York').pass).toBe(false);
    expect(score('exact', 'Paris', 'Paris.').pass).toBe(false);
  });
  it('gives a reason on failure', () => {
    const r = score('exact', 'yes', 'no');
    expect(r.pass).toBe(false);
    expect(r.reason).toContain('"yes"');
    expect(r.reason).toContain('"no"');
  });
  it('empty expected matches only blank output', () => {
    expect(score('exact', '', '  \n').pass).toBe(true);
    expect(score('exact', '', 'x').pass).toBe(false);
  });
  it('is equality after trim (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(score('exact', a, b).pass).toBe(a.trim() === b.trim());
      }),
    );
  });
});

describe('contains / not-contains', () => {
  it('contains is a case-sensitive substring test', () => {
    expect(score('contains', 'Paris', 'The capital is Paris.').pass).toBe(true);
    expect(score('contains', 'paris', 'The capital is Paris.').pass).toBe(false);
    expect(score('contains', 'is P', 'The capital is Paris.').pass).toBe(true);
  });
  it('does not trim expected', () => {
    expect(score('contains', ' Paris ', 'Paris').pass).toBe(false);
  });
  it('not-contains is the negation', () => {
    expect(score('not-contains', 'sorry', 'Sorry, I cannot').pass).toBe(true);
    expect(score('not-contains', 'Sorry', 'Sorry, I cannot').pass).toBe(false);
    expect(score('not-contains', 'Sorry', 'Sorry, I cannot').reason).toContain('contains');
  });
  it('treats regex metacharacters literally', () => {
    expect(score('contains', 'a.b', 'axb').pass).toBe(false);
    expect(score('contains', 'a.b', 'a.b').pass).toBe(true);
  });
  it('are complementary (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(score('contains', a, b).pass).toBe(!score('not-contains', a, b).pass);
        expect(score('contains', a, b).pass).toBe(b.includes(a));
      }),
    );
  });
});

describe('parseRegex', () => {
  it('reads a plain pattern without flags', () => {
    const re = parseRegex('\\d+ apples');
    expect(re.source).toBe('\\d+ apples');
    expect(re.flags).toBe('');
  });
  it('reads /pattern/flags', () => {
    const re = parseRegex('/^yes$/im');
    expect(re.source).toBe('^yes$');
    expect(re.flags).toBe('im');
  });
  it('keeps slashes inside a literal', () => {
    expect(parseRegex('/a\\/b/').source).toBe('a\\/b');
    expect(parseRegex('/a/b/').source).toBe('a\\/b');
  });
  it('treats a path-like spec as a plain pattern', () => {
    const re = parseRegex('/usr/local');
    expect(re.source).toBe('\\/usr\\/local');
    expect(re.flags).toBe('');
    expect(parseRegex('//').source).toBe('\\/\\/');
  });
  it('throws a clear error for an invalid pattern', () => {
    expect(() => parseRegex('(abc')).toThrow(/invalid regex "\(abc"/);
    expect(() => parseRegex('/[a-/')).toThrow(/invalid regex/);
    expect(() => parseRegex('/a/gg')).toThrow(/invalid regex/);
  });
});

describe('regex', () => {
  const regex = (spec: string, output: string, guard?: RegexGuard) =>
    scoreAsync('regex', spec, output, guard ? { regex: guard } : {});
  it('is an unanchored search', async () => {
    expect((await regex('\\d{3}', 'call 555 now')).pass).toBe(true);
    expect((await regex('\\d{4}', 'call 555 now')).pass).toBe(false);
  });
  it('respects anchors and flags', async () => {
    const guard = new RegexGuard();
    try {
      expect((await regex('^yes$', 'Yes', guard)).pass).toBe(false);
      expect((await regex('/^yes$/i', 'Yes', guard)).pass).toBe(true);
      expect((await regex('/^yes$/', 'well\nyes', guard)).pass).toBe(false);
      expect((await regex('/^yes$/m', 'well\nyes', guard)).pass).toBe(true);
      expect((await regex('/a.b/s', 'a\nb', guard)).pass).toBe(true);
      expect((await regex('/a.b/', 'a\nb', guard)).pass).toBe(false);
      expect((await regex('/\\p{Lu}{2}/u', 'the EU', guard)).pass).toBe(true);
    } finally {
      guard.close();
    }
  });
  it('is not stateful with the g and y flags', async () => {
    const guard = new RegexGuard();
    try {
      for (let i = 0; i < 3; i++) expect((await regex('/a/g', 'a', guard)).pass).toBe(true);
      expect((await regex('/a/y', 'ab', guard)).pass).toBe(true);
      expect((await regex('/b/y', 'ab', guard)).pass).toBe(false); // sticky: anchored at 0, as in JS
    } finally {
      guard.close();
    }
  });
  it('fails an invalid regex with a reason instead of throwing', async () => {
    const r = await regex('(unclosed', 'anything');
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(/invalid regex/);
    expect(r.invalidCase).toBe(true);
  });
  it('bounds a catastrophically backtracking pattern', async () => {
    const guard = new RegexGuard({ matchMs: 50 });
    try {
      const started = Date.now();
      const r = await regex('^(a+)+$', 'a'.repeat(40) + 'b', guard);
      const elapsed = Date.now() - started;
      // Not scored: an error, not a failure (the pattern's fault, not the output's).
      expect(r.error).toMatch(/timed out after 50 ms/);
      expect(r.reason).toBeUndefined();
      expect(elapsed).toBeLessThan(2000);
    } finally {
      guard.close();
    }
  });
  it('bounds other runaway patterns too, and still works afterwards', async () => {
    const guard = new RegexGuard({ matchMs: 30 });
    try {
      expect(await guard.search(/(x+x+)+y/, 'x'.repeat(50))).toEqual({ kind: 'timeout', ms: 30 });
      expect(await guard.search(/^(\w+\s?)*$/, 'a'.repeat(40) + '!')).toEqual({ kind: 'timeout', ms: 30 });
      expect(await guard.search(/b/, 'abc')).toEqual({ kind: 'done', found: true });
      expect(await guard.search(/z/, 'abc')).toEqual({ kind: 'done', found: false });
    } finally {
      guard.close();
    }
  });
  it('the default bound is quick for normal patterns on long outputs', async () => {
    const long = 'lorem ipsum '.repeat(20_000) + 'ANSWER: 42';
    expect((await regex('ANSWER: \\d+', long)).pass).toBe(true);
  });
});

describe('json', () => {
  it('passes valid JSON output when expected is not JSON', () => {
    expect(score('json', 'any object', '{"a":1}').pass).toBe(true);
    expect(score('json', '', '[1,2]').pass).toBe(true);
  });
  it('fails invalid JSON output', () => {
    const r = score('json', '{"a":1}', '{"a":1,}');
    expect(r.pass).toBe(false);
    expect(r.reason).toMatch(/not valid JSON/);
    expect(score('json', '', 'Here is the JSON: {"a":1}').pass).toBe(false);
    expect(score('json', '', '').pass).toBe(false);
  });
  it('tolerates one fence around the whole output', () => {
    expect(score('json', '{"a":1}', '```json\n{"a": 1, "b": 2}\n```').pass).toBe(true);
    expect(score('json', '{"a":1}', '  ```\n{"a": 1}\n```\n').pass).toBe(true);
    expect(score('json', '{"a":1}', '```JSON\n{"a": 1}\n```').pass).toBe(true);
    expect(score('json', '{"a":1}', 'Sure!\n```json\n{"a": 1}\n```').pass).toBe(false);
    expect(score('json', '{"a":1}', '```json\n{"a": 1,}\n```').reason).toMatch(/fenced block/);
  });
  it('object subset: extra keys allowed, missing or different keys fail', () => {
    expect(score('json', '{"a":1}', '{"a":1,"b":2}').pass).toBe(true);
    expect(score('json', '{"a":1,"c":3}', '{"a":1,"b":2}').reason).toMatch(/\$\.c: missing/);
    expect(score('json', '{"a":1}', '{"a":2}').reason).toMatch(/\$\.a: expected 1, got 2/);
    expect(score('json', '{"a":{"b":{"c":true}}}', '{"a":{"b":{"c":true,"d":0}},"e":1}').pass).toBe(true);
    expect(score('json', '{"a":{"b":{"c":true}}}', '{"a":{"b":{"c":false}}}').reason).toMatch(/\$\.a\.b\.c/);
    expect(score('json', '{"weird key":1}', '{}').reason).toContain('$["weird key"]: missing');
    expect(score('json', '{}', '{"x":1}').pass).toBe(true);
    expect(score('json', '{"a":1}', '[{"a":1}]').reason).toMatch(/expected an object, got an array/);
  });
  it('uses own keys only', () => {
    expect(score('json', '{"toString":1}', '{}').pass).toBe(false);
    expect(score('json', '{"__proto__":{"x":1}}', '{"__proto__":{"x":1}}').pass).toBe(true);
    expect(score('json', '{"__proto__":{"x":1}}', '{}').pass).toBe(false);
  });
  it('array subset: order-free, extra elements allowed, distinct matches', () => {
    expect(score('json', '[1,2]', '[3,2,1]').pass).toBe(true);
    expect(score('json', '[1,4]', '[3,2,1]').reason).toMatch(/no element matches expected\[1\] 4/);
    expect(score('json', '[1,1]', '[1,2]').pass).toBe(false);
    expect(score('json', '[1,1]', '[1,2,1]').pass).toBe(true);
    expect(score('json', '[]', '[1]').pass).toBe(true);
    expect(score('json', '[]', '{}').pass).toBe(false);
    expect(score('json', '[{"a":1}]', '[{"a":1,"b":2}]').pass).toBe(true);
    // needs a real matching, not greedy first-fit
    expect(score('json', '[{"a":1},{"a":1,"b":2}]', '[{"a":1,"b":2},{"a":1}]').pass).toBe(true);
    expect(score('json', '{"tags":["x"]}', '{"tags":["y","x"]}').pass).toBe(true);
  });
  it('scalars: equal with the same type', () => {
    expect(score('json', '42', '42').pass).toBe(true);
    expect(score('json', '42', '42.0').pass).toBe(true);
    expect(score('json', '42', '"42"').pass).toBe(false);
    expect(score('json', '"ok"', '"ok"').pass).toBe(true);
    expect(score('json', 'true', 'false').pass).toBe(false);
    expect(score('json', 'null', 'null').pass).toBe(true);
    expect(score('json', 'null', '{}').pass).toBe(false);
    expect(score('json', '{"a":null}', '{"a":null}').pass).toBe(true);
    expect(score('json', '{"a":null}', '{"a":0}').pass).toBe(false);
  });
  it('every JSON value is a subset of itself (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v);
        expect(score('json', text, text).pass).toBe(true);
      }),
    );
  });
  it('survives very deep nesting without throwing', () => {
    const deep = '['.repeat(20_000) + ']'.repeat(20_000);
    const r = score('json', deep, deep);
    expect(typeof r.pass).toBe('boolean');
  });
});
