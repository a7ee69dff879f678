/** The benchmarks' generated training set: support tickets and their summaries, deterministic. */

import { createWriteStream } from 'node:fs';

const WORDS = (
  'the a order ticket customer refund delivery late package account password reset invoice billing ' +
  'charge card email phone support agent please help thanks issue problem error screen app update ' +
  'version login crash slow network store item size color return exchange warranty broken missing'
).split(' ');

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function generate(file: string, n: number): Promise<void> {
  const rand = rng(42);
  const words = (k: number): string => {
    const out: string[] = [];
    for (let i = 0; i < k; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)]!);
    return out.join(' ');
  };
  const out = createWriteStream(file);
  let buf = '';
  for (let i = 0; i < n; i++) {
    const input = `Summarize this support ticket:\n#${i} ${words(44 + Math.floor(rand() * 20))}`;
    const output = `Ticket ${i}: ${words(8 + Math.floor(rand() * 8))} ünïcödé ✓`;
    buf += `${JSON.stringify({ text_input: input, output })}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise<void>((r) => out.once('drain', () => r()));
      buf = '';
    }
  }
  out.end(buf);
  await new Promise<void>((r) => out.once('finish', () => r()));
}
