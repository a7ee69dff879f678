/**
 * `npm run bench`: speed and memory figures measured in one run, printed as a table. Ratios compare
 * measurements taken side by side in the same run (these machines are shared and noisy).
 * Each file in bench/suites/ exports `name` and `run(): Promise<Row[]>`; `npm run bench -- NAME...`
 * runs only those suites.
 */

import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Row } from './row.js';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const rows: Row[] = [];
for (const file of readdirSync(join(here, 'suites'))
  .filter((f) => f.endsWith('.ts'))
  .sort()) {
  const suite = (await import(join(here, 'suites', file))) as { name: string; run: () => Promise<Row[]> };
  if (only.length && !only.includes(suite.name)) continue;
  process.stderr.write(`bench: ${suite.name}...\n`);
  rows.push(...(await suite.run()));
}

const width = (k: keyof Row): number => Math.max(k.length, ...rows.map((r) => String(r[k] ?? '').length));
const w = { benchmark: width('benchmark'), value: width('value'), goal: width('goal') };
const line = (b: string, v: string, g: string, s: string): string =>
  `| ${b.padEnd(w.benchmark)} | ${v.padStart(w.value)} | ${g.padEnd(w.goal)} | ${s.padEnd(4)} |`;
console.log(line('benchmark', 'value', 'goal', 'met'));
console.log(`|${'-'.repeat(w.benchmark + 2)}|${'-'.repeat(w.value + 2)}|${'-'.repeat(w.goal + 2)}|------|`);
for (const r of rows) console.log(line(r.benchmark, r.value, r.goal, r.ok === null ? '' : r.ok ? 'yes' : 'NO'));
