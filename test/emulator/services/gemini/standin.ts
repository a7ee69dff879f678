/**
 * The emulator's stand-in for a language model. This is NOT a model: it is a small deterministic
 * function chosen so that the number-generator tutorial behaves plausibly in tests and demos.
 *
 * - A tuned model answers an input found in its training examples with that example's output
 *   (exact match after trimming). Otherwise it applies the "successor" heuristic the tutorial's
 *   model learns: integers (negatives, thousands separators) → n+1 in the same format; English
 *   number words → the next number in words; Roman numerals → the next numeral. Otherwise it says
 *   "I don't know.".
 * - A base model does not know the training set and answers in a chattier way
 *   ("The next number is 5."), so a baseline comparison differs from the tuned model.
 */

export interface Example {
  textInput: string;
  output: string;
}

export const UNKNOWN_ANSWER = "I don't know.";

export function tunedAnswer(input: string, examples: readonly Example[]): string {
  const key = input.trim();
  const hit = examples.find((e) => e.textInput.trim() === key);
  if (hit !== undefined) return hit.output;
  return successor(key) ?? UNKNOWN_ANSWER;
}

export function baseAnswer(input: string): string {
  const next = successor(input.trim());
  if (next !== undefined) return `The next number is ${next}.`;
  return "I'm not sure what you would like me to continue. Could you give me a little more context?";
}

/** The next number after `input`, written the way `input` is written; undefined if not a number. */
export function successor(input: string): string | undefined {
  const s = input.trim();
  return nextInteger(s) ?? nextWords(s) ?? nextRoman(s);
}

// ---- integers ------------------------------------------------------------------------------

function nextInteger(s: string): string | undefined {
  const grouped = /^([+-]?)(\d{1,3}(?:,\d{3})+)$/.exec(s);
  const plain = /^([+-]?)(\d+)$/.exec(s);
  const m = grouped ?? plain;
  if (m === null) return undefined;
  const sign = m[1] === '-' ? -1n : 1n;
  const n = sign * BigInt(m[2]!.replace(/,/g, '')) + 1n;
  const neg = n < 0n;
  let digits = (neg ? -n : n).toString();
  if (grouped !== null) digits = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : m[1] === '+' ? '+' : '') + digits;
}

// ---- English words -------------------------------------------------------------------------

const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function wordsToNumber(s: string): number | undefined {
  const tokens = s
    .toLowerCase()
    .replace(/-/g, ' ')
    .split(/\s+/)
    .filter((t) => t !== '' && t !== 'and');
  if (tokens.length === 0) return undefined;
  let negative = false;
  if (tokens[0] === 'minus' || tokens[0] === 'negative') {
    negative = true;
    tokens.shift();
    if (tokens.length === 0) return undefined;
  }
  let total = 0;
  let current = 0;
  let last: 'none' | 'ones' | 'teen' | 'tens' | 'hundred' | 'thousand' = 'none';
  for (const t of tokens) {
    const o = ONES.indexOf(t);
    const ten = TENS.indexOf(t);
    if (o >= 0) {
      if (last === 'ones' || last === 'teen') return undefined;
      if (last === 'tens' && o >= 10) return undefined;
      if (o === 0 && tokens.length > 1) return undefined;
      current += o;
      last = o >= 10 ? 'teen' : 'ones';
    } else if (ten >= 2) {
      if (last === 'ones' || last === 'teen' || last === 'tens') return undefined;
      current += ten * 10;
      last = 'tens';
    } else if (t === 'hundred') {
      if (current === 0 || current >= 10 || last === 'hundred') return undefined;
      current *= 100;
      last = 'hundred';
    } else if (t === 'thousand') {
      if (current === 0 || total !== 0) return undefined;
      total = current * 1000;
      current = 0;
      last = 'thousand';
    } else return undefined;
  }
  const n = total + current;
  return negative ? -n : n;
}

function below1000(n: number): string {
  const parts: string[] = [];
  const h = Math.floor(n / 100);
  const rest = n % 100;
  if (h > 0) parts.push(`${ONES[h]} hundred`);
  if (rest >= 20) parts.push(rest % 10 === 0 ? TENS[rest / 10]! : `${TENS[Math.floor(rest / 10)]} ${ONES[rest % 10]}`);
  else if (rest > 0 || h === 0) parts.push(ONES[rest]!);
  return parts.join(' ');
}

export function numberToWords(n: number): string {
  if (n < 0) return `minus ${numberToWords(-n)}`;
  if (n === 0) return 'zero';
  const th = Math.floor(n / 1000);
  const rest = n % 1000;
  const parts: string[] = [];
  if (th > 0) parts.push(`${below1000(th)} thousand`);
  if (rest > 0) parts.push(below1000(rest));
  return parts.join(' ');
}

function nextWords(s: string): string | undefined {
  if (!/^[a-zA-Z][a-zA-Z -]*$/.test(s)) return undefined;
  const n = wordsToNumber(s);
  if (n === undefined || n + 1 >= 1_000_000) return undefined;
  let out = numberToWords(n + 1);
  if (s.includes('-') && !/^(minus|negative)\b/i.test(s))
    out = out.replace(
      /\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety) (one|two|three|four|five|six|seven|eight|nine)\b/g,
      '$1-$2',
    );
  if (s === s.toUpperCase()) return out.toUpperCase();
  if (s[0] === s[0]!.toUpperCase()) return out[0]!.toUpperCase() + out.slice(1);
  return out;
}

// ---- Roman numerals ------------------------------------------------------------------------

const ROMAN: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

export function toRoman(n: number): string {
  let out = '';
  for (const [v, sym] of ROMAN) {
    while (n >= v) {
      out += sym;
      n -= v;
    }
  }
  return out;
}

function fromRoman(u: string): number | undefined {
  // upper case only: lower-case words such as "mix" would otherwise read as numerals
  if (!/^[MDCLXVI]+$/.test(u)) return undefined;
  let n = 0;
  let i = 0;
  for (const [v, sym] of ROMAN) {
    while (u.startsWith(sym, i)) {
      n += v;
      i += sym.length;
    }
  }
  // only canonical numerals (so "IIII" or "IC" are not numbers)
  return i === u.length && toRoman(n) === u ? n : undefined;
}

function nextRoman(s: string): string | undefined {
  const n = fromRoman(s);
  if (n === undefined || n + 1 > 3999) return undefined;
  return toRoman(n + 1);
}
