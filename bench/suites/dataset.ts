/**
 * Dataset validation speed and memory: a generated 200,000-example (~100 MB) JSONL file, validated
 * by the streaming path (loadTrainingSet with keepRecords: false: every check, the content-key
 * digest, the statistics and the doctor, the last three in the analysis thread as the action runs
 * them for a file this large), against a bare `readline` + `JSON.parse` loop over the same file,
 * each in its own child process so that peak RSS is that process's own. Runs alternate and the
 * medians are compared. A third run per round keeps the analysis in the loader's thread, to show
 * what the thread saves.
 *
 * BENCH_DATASET_EXAMPLES (default 200000) and BENCH_DATASET_RUNS (default 3) change the size and
 * the number of runs.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WORKER_MIN_BYTES } from '../../src/dataset/analysis/thread.js';
import { median, type Row } from '../row.js';
import { generate } from '../generate-dataset.js';

export const name = 'dataset';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const BARE = `
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
const t = process.hrtime.bigint();
let n = 0;
const rl = createInterface({ input: createReadStream(process.argv[2]), crlfDelay: Infinity });
for await (const line of rl) {
  if (line.trim() === '') continue;
  const v = JSON.parse(line);
  if (typeof v.text_input === 'string' && typeof v.output === 'string') n++;
}
const ms = Number(process.hrtime.bigint() - t) / 1e6;
const cpu = process.cpuUsage();
console.log(JSON.stringify({ ms, cpuMs: (cpu.user + cpu.system) / 1000, maxRssKb: process.resourceUsage().maxRSS, count: n }));
`;

function validateEntry(): string {
  const load = join(ROOT, 'src/dataset/validate/load-training.ts').replace(/\\/g, '/');
  const key = join(ROOT, 'src/dataset/content-key.ts').replace(/\\/g, '/');
  return `
import { loadTrainingSet } from ${JSON.stringify(load)};
import { contentKey, EMPTY_SET_DIGEST } from ${JSON.stringify(key)};
const t = process.hrtime.bigint();
const inThread = process.argv[3] === 'in-thread';
const ds = await loadTrainingSet(process.argv[2], { backend: 'vertex-ai', role: 'training', keepRecords: false, workspace: '/', ...(inThread ? { analysisWorker: null } : {}) });
const a = ds.analysis;
const findings = a.findings();
const stats = a.stats(0);
const k = contentKey({ backend: 'vertex-ai', baseModel: 'gemini-2.5-flash', hyperparameters: { epochCount: null, batchSize: null, learningRate: null, learningRateMultiplier: null, adapterSize: null }, examples: a.digest, validationExamples: EMPTY_SET_DIGEST });
const ms = Number(process.hrtime.bigint() - t) / 1e6;
const cpu = process.cpuUsage();
const mem = process.memoryUsage();
const errors = ds.problems.filter((p) => p.severity === 'error').length;
console.log(JSON.stringify({ ms, inWorker: a.inWorker, cpuMs: (cpu.user + cpu.system) / 1000, heapMb: mem.heapUsed / 1e6, externalMb: mem.external / 1e6, arrayBuffersMb: mem.arrayBuffers / 1e6, maxRssKb: process.resourceUsage().maxRSS, count: a.count, records: ds.records.length, errors, findings: findings.map((f) => f.kind), inputP95: stats.input.chars.p95, key: k }));
`;
}

interface ChildResult {
  ms: number;
  cpuMs: number;
  maxRssKb: number;
  count: number;
}

function runChild(script: string, file: string, ...args: string[]): ChildResult {
  const r = spawnSync(process.execPath, [script, file, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`${script} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as ChildResult;
}

export async function run(): Promise<Row[]> {
  const n = Number(process.env['BENCH_DATASET_EXAMPLES'] ?? 200_000);
  const runs = Number(process.env['BENCH_DATASET_RUNS'] ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'gemini-tune-bench-dataset-'));
  try {
    const file = join(dir, 'train.jsonl');
    await generate(file, n);
    const mb = statSync(file).size / 1e6;

    const bare = join(dir, 'bare.mjs');
    writeFileSync(bare, BARE);
    const entry = join(dir, 'validate-entry.ts');
    writeFileSync(entry, validateEntry());
    // Bundled to plain JavaScript so the child runs on bare node, as the action does, with the
    // analysis worker beside it as in dist/ (validate/index.js, dataset-worker/index.js).
    const validate = join(dir, 'validate', 'index.js');
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}\n');
    const esbuild = await import('esbuild');
    const common = {
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'error',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    } as const;
    await esbuild.build({ ...common, entryPoints: [entry], outfile: validate });
    await esbuild.build({
      ...common,
      entryPoints: [join(ROOT, 'src/dataset/analysis/worker.ts')],
      outfile: join(dir, 'dataset-worker', 'index.js'),
    });

    // Warm the file cache, then alternate.
    runChild(bare, file);
    const bareRuns: ChildResult[] = [];
    const oursRuns: (ChildResult & { records?: number; errors?: number; findings?: string[]; inWorker?: boolean })[] =
      [];
    // The same without the analysis thread (as on a small file), for comparison.
    const inThreadRuns: ChildResult[] = [];
    for (let i = 0; i < runs; i++) {
      bareRuns.push(runChild(bare, file));
      oursRuns.push(runChild(validate, file));
      inThreadRuns.push(runChild(validate, file, 'in-thread'));
    }
    const first = oursRuns[0];
    if (
      !first ||
      first.count !== n ||
      first.records !== 0 ||
      first.errors !== 0 ||
      first.inWorker !== statSync(file).size >= WORKER_MIN_BYTES
    )
      throw new Error(`validation did not stream the generated set as expected: ${JSON.stringify(first)}`);
    const bareMs = median(bareRuns.map((r) => r.ms));
    const oursMs = median(oursRuns.map((r) => r.ms));
    const ratio = oursMs / bareMs;
    // CPU time too: on a busy machine it moves less than wall time.
    const cpuRatio = median(oursRuns.map((r) => r.cpuMs)) / median(bareRuns.map((r) => r.cpuMs));
    const rssMb = Math.max(...oursRuns.map((r) => r.maxRssKb)) / 1024;
    const bareRssMb = Math.max(...bareRuns.map((r) => r.maxRssKb)) / 1024;
    const label = `${(n / 1000).toFixed(0)}k examples, ${mb.toFixed(0)} MB`;
    return [
      {
        benchmark: `dataset: readline + JSON.parse (${label}, median)`,
        value: `${bareMs.toFixed(0)} ms`,
        goal: '',
        ok: null,
      },
      {
        benchmark: `dataset: validation, streaming (${label}, median)`,
        value: `${oursMs.toFixed(0)} ms`,
        goal: '',
        ok: null,
      },
      {
        benchmark: 'dataset validation ratio (validation / bare loop)',
        value: `${ratio.toFixed(2)}x`,
        goal: '<= 1.5x',
        ok: ratio <= 1.5,
      },
      {
        benchmark: 'dataset validation ratio, analysis in the same thread',
        value: `${(median(inThreadRuns.map((r) => r.ms)) / bareMs).toFixed(2)}x`,
        goal: '',
        ok: null,
      },
      {
        benchmark: 'dataset validation CPU-time ratio (user + system)',
        value: `${cpuRatio.toFixed(2)}x`,
        goal: '',
        ok: null,
      },
      { benchmark: 'dataset: bare loop peak RSS', value: `${bareRssMb.toFixed(0)} MB`, goal: '', ok: null },
      {
        benchmark: 'dataset validation peak RSS',
        value: `${rssMb.toFixed(0)} MB`,
        goal: '<= 200 MB',
        ok: rssMb <= 200,
      },
    ];
  } finally {
    if (!process.env['BENCH_DATASET_KEEP']) rmSync(dir, { recursive: true, force: true });
    else process.stderr.write(`bench: kept ${dir}\n`);
  }
}
