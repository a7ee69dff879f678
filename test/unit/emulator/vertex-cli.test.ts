import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { contentsJsonl, jobBody } from './vertex-helpers.js';

const CLI = fileURLToPath(new URL('../../emulator/cli.ts', import.meta.url));

describe('emulator CLI: Vertex AI / Cloud Storage options and control surface', () => {
  it('--bearer-token, --vertex-*, --project-number, --bucket reach the services', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        CLI,
        ...['--port', '0', '--github-port', '0', '--quiet'],
        ...['--bearer-token', 'cli-token', '--vertex-step-ms', '0', '--vertex-outcome', 'FAILED'],
        ...['--project-number', '42', '--bucket', 'stage'],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 15_000;
      // The banner's last line (Control: ...): the lines before it have all arrived by then.
      while (!/Control: GET /.test(out)) {
        if (Date.now() > deadline) throw new Error(`CLI did not start:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
      expect(out).toContain('cli-token');
      const seeded = await fetch(`${url}/__emulator/storage/objects/stage/d/train.jsonl`, {
        method: 'PUT',
        body: contentsJsonl(8),
      });
      expect(seeded.status).toBe(200);
      const headers = { authorization: 'Bearer cli-token', 'content-type': 'application/json' };
      const other = await fetch(`${url}/storage/v1/b/elsewhere/o`, { headers });
      expect(other.status).toBe(404);
      const body = jobBody({}, { trainingDatasetUri: 'gs://stage/d/train.jsonl' });
      const r = await fetch(`${url}/v1/projects/p/locations/us-central1/tuningJobs`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      });
      const job = (await r.json()) as { name: string };
      expect(r.status).toBe(200);
      expect(job.name).toMatch(/^projects\/42\/locations\/us-central1\/tuningJobs\/\d+$/);
      const got = (await (await fetch(`${url}/v1/${job.name}`, { headers })).json()) as { state: string };
      expect(got.state).toBe('JOB_STATE_FAILED');
      const listed = (await (await fetch(`${url}/__emulator/tuning-jobs`)).json()) as {
        tuningJobs: { name: string }[];
      };
      expect(listed.tuningJobs.map((j) => j.name)).toEqual([job.name]);
      const objects = (await (await fetch(`${url}/__emulator/storage/objects`)).json()) as {
        items: { name: string }[];
      };
      expect(objects.items.map((o) => o.name)).toEqual(['d/train.jsonl']);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 30_000);
});
