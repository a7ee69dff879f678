import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../emulator/cli.ts', import.meta.url));

describe('emulator CLI', () => {
  it('prints its URL and credentials, serves, and exits on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        CLI,
        '--port',
        '0',
        '--github-port',
        '0',
        '--api-key',
        'cli-key',
        '--step-ms',
        '1',
        '--quiet',
        '--gemini-tuning',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
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
      expect(out).toContain('cli-key');
      const r = await fetch(`${url}/v1beta/models/gemini-1.5-flash-001-tuning`, {
        headers: { 'x-goog-api-key': 'cli-key' },
      });
      expect(r.status).toBe(200);
      const reqs = (await (await fetch(`${url}/__emulator/requests`)).json()) as { requests: { path: string }[] };
      expect(reqs.requests.map((x) => x.path)).toEqual(['/v1beta/models/gemini-1.5-flash-001-tuning']);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 30_000);
});
