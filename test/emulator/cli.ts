/**
 * Run the emulator as its own process: `npm run emulator -- [--port 8790] [--step-ms 50]
 * [--outcome ACTIVE|FAILED] [--api-key KEY] [--github-port 8791] [--gemini-tuning]` (the Gemini API
 * offers its 2025 tunable model; by default it offers none, as in 2026), plus for Vertex AI / Cloud Storage /
 * STS: `[--bearer-token TOKEN] [--vertex-step-ms 50] [--vertex-pending-ms 0]
 * [--vertex-outcome SUCCEEDED|FAILED|EXPIRED] [--project-number N] [--bucket NAME]
 * [--token-lifetime SECONDS] [--vertex-concurrent-jobs N]` (the project's concurrent tuning job
 * quota: a job beyond it waits for quota; no limit by default). Stays up until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './server.js';
import type { EmulatorOptions } from './types.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8790' },
    host: { type: 'string', default: '127.0.0.1' },
    'step-ms': { type: 'string' },
    outcome: { type: 'string' },
    'api-key': { type: 'string', multiple: true },
    'github-port': { type: 'string', default: '8791' },
    quiet: { type: 'boolean', default: false },
    'bearer-token': { type: 'string', multiple: true },
    'vertex-step-ms': { type: 'string' },
    'vertex-pending-ms': { type: 'string' },
    'vertex-outcome': { type: 'string' },
    'vertex-concurrent-jobs': { type: 'string' },
    'project-number': { type: 'string' },
    bucket: { type: 'string', multiple: true },
    'token-lifetime': { type: 'string' },
    'gemini-tuning': { type: 'boolean', default: false },
  },
  strict: true,
});

function int(name: string, v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer, got ${JSON.stringify(v)}`);
    process.exit(2);
  }
  return n;
}

const opts: EmulatorOptions = { host: values.host, port: int('port', values.port) };
const training: NonNullable<EmulatorOptions['training']> = {};
if (values['step-ms'] !== undefined) training.stepMs = int('step-ms', values['step-ms']);
if (values.outcome !== undefined) {
  const o = values.outcome.toUpperCase();
  if (o !== 'ACTIVE' && o !== 'FAILED') {
    console.error(`--outcome must be ACTIVE or FAILED, got ${JSON.stringify(values.outcome)}`);
    process.exit(2);
  }
  training.outcome = o;
}
if (values['gemini-tuning']) training.tunable = true;
opts.training = training;
if (values['api-key'] !== undefined) opts.apiKeys = values['api-key'];
if (values['bearer-token'] !== undefined) opts.bearerTokens = values['bearer-token'];
const vertex: NonNullable<EmulatorOptions['vertex']> = {};
if (values['vertex-step-ms'] !== undefined) vertex.stepMs = int('vertex-step-ms', values['vertex-step-ms']);
if (values['vertex-pending-ms'] !== undefined) vertex.pendingMs = int('vertex-pending-ms', values['vertex-pending-ms']);
if (values['vertex-outcome'] !== undefined) {
  const o = values['vertex-outcome'].toUpperCase();
  if (o !== 'SUCCEEDED' && o !== 'FAILED' && o !== 'EXPIRED') {
    console.error(
      `--vertex-outcome must be SUCCEEDED, FAILED or EXPIRED, got ${JSON.stringify(values['vertex-outcome'])}`,
    );
    process.exit(2);
  }
  vertex.outcome = o;
}
if (values['vertex-concurrent-jobs'] !== undefined) {
  const n = int('vertex-concurrent-jobs', values['vertex-concurrent-jobs']);
  if (n === 0) {
    console.error('--vertex-concurrent-jobs must be at least 1');
    process.exit(2);
  }
  vertex.concurrentJobs = n;
}
if (values['project-number'] !== undefined)
  vertex.projectNumber = String(int('project-number', values['project-number']));
opts.vertex = vertex;
if (values.bucket !== undefined) opts.storage = { buckets: values.bucket };
if (values['token-lifetime'] !== undefined) {
  opts.auth = { tokenLifetimeSeconds: int('token-lifetime', values['token-lifetime']) };
}
if (!values.quiet) opts.log = (line) => console.log(`[emulator] ${line}`);

const emu = await startEmulator(opts);
console.log(`Gemini API / Vertex AI / Cloud Storage / STS emulator listening on ${emu.url}`);
console.log(`  API keys (x-goog-api-key): ${(opts.apiKeys ?? ['emulator-api-key']).join(', ')}`);
console.log(`  Bearer tokens (Authorization: Bearer): ${(opts.bearerTokens ?? ['emulator-access-token']).join(', ')}`);
console.log(
  `  Keyless auth: STS ${emu.url}/v1/token, impersonation ${emu.url}/v1/projects/-/serviceAccounts/EMAIL:generateAccessToken`,
);
console.log(`  Control: GET ${emu.url}/__emulator/requests, POST ${emu.url}/__emulator/configure|faults|reset`);

const closers: (() => Promise<void>)[] = [() => emu.close()];

// The GitHub API fake is optional: start it when its module is present.
try {
  const modPath = './github-fake.js';
  const mod = (await import(modPath)) as {
    startGitHubFake?: (o: { port?: number; host?: string }) => Promise<{ url: string; close(): Promise<void> }>;
  };
  if (typeof mod.startGitHubFake === 'function') {
    const gh = await mod.startGitHubFake({ port: int('github-port', values['github-port']), host: values.host });
    console.log(`GitHub API fake listening on ${gh.url}`);
    closers.push(() => gh.close());
  }
} catch (e) {
  const code = (e as { code?: string }).code;
  if (code !== 'ERR_MODULE_NOT_FOUND')
    console.error(`GitHub API fake not started: ${e instanceof Error ? e.message : String(e)}`);
}

let closing = false;
const shutdown = (signal: string): void => {
  if (closing) return;
  closing = true;
  console.log(`\n${signal}: shutting down`);
  Promise.allSettled(closers.map((c) => c())).then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
