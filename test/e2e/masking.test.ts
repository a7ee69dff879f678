/**
 * Secret masking of Vertex AI style bearer tokens, with the bundle run as the runner runs it
 * (`node dist/main/index.js`, then the post step) against the emulator's STS / IAM credentials
 * routes and its fault injector, in real time.
 *
 * These stay end to end on real time (the rest of the fault matrix runs in-process on a virtual
 * clock, test/integration/faults-*.test.ts): google-auth-library decides when to renew a token on
 * the real Date.now, so token renewal (and masking each renewed token) only happens on real time.
 */

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, startGitHubFake, type Emulator, type GitHubFake } from '../emulator/index.js';
import { GITHUB_TOKEN, geminiRun } from '../helpers/harness.js';
import { DIST_MAIN, DIST_POST, runNode, type ProcessResult, type RunnerEnv } from '../helpers/runner-env.js';

/** Only configured (as before the split): the runs here send bearer tokens, never an API key. */
const API_KEY = 'AIzaSyFaults-secret-key-do-not-print-77';
let emu: Emulator;
let gh: GitHubFake;

beforeAll(async () => {
  emu = await startEmulator({ apiKeys: [API_KEY], training: { tunable: true, stepMs: 15 } });
  gh = await startGitHubFake();
});
afterAll(async () => {
  await emu.close();
  await gh.close();
});
beforeEach(() => {
  emu.reset();
  emu.configure({ training: { stepMs: 15, outcome: 'ACTIVE' } });
});

/**
 * Two runs with bearer tokens from the emulator's STS / IAM credentials routes (the external_account
 * files google-github-actions/auth writes): through a service account riding out a 503 burst, then
 * direct federation with a tuning that FAILS. Checks that every token sent to the Gemini API was
 * masked first, and that no issued token, the OIDC token or the GitHub token shows in any channel.
 */
async function bearerTokenRuns(tokenLifetimeSeconds: number): Promise<{ used: Set<string> }> {
  {
    const dir = mkdtempSync(join(tmpdir(), 'gemini-tune-wif-'));
    const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const oidc = [
      enc({ alg: 'RS256', typ: 'JWT' }),
      enc({
        iss: 'https://token.actions.githubusercontent.com',
        sub: 'repo:octo-org/number-tuner:ref:refs/heads/main',
        iat: now,
        exp: now + 3600,
      }),
      'c2lnbmF0dXJl',
    ].join('.');
    writeFileSync(join(dir, 'oidc-token'), oidc);
    // What google-github-actions/auth writes: through a service account (impersonation), or direct.
    const external = {
      type: 'external_account',
      audience:
        '//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github/providers/faults',
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: `${emu.url}/v1/token`,
      credential_source: { file: join(dir, 'oidc-token') },
    };
    const impersonated = join(dir, 'gha-creds-impersonated.json');
    writeFileSync(
      impersonated,
      JSON.stringify({
        ...external,
        service_account_impersonation_url: `${emu.url}/v1/projects/-/serviceAccounts/gemini-tune@faults-proj.iam.gserviceaccount.com:generateAccessToken`,
      }),
    );
    const direct = join(dir, 'gha-creds-direct.json');
    writeFileSync(direct, JSON.stringify(external));
    const runners: RunnerEnv[] = [];
    const results: ProcessResult[] = [];
    // Impersonation, riding out a 503 burst; then direct federation and a tuning that FAILS (error
    // messages are the likeliest leak).
    const plan = [
      { outcome: 'ACTIVE', credentials: impersonated },
      { outcome: 'FAILED', credentials: direct },
    ] as const;
    for (const [i, { outcome, credentials }] of plan.entries()) {
      emu.configure({ training: { stepMs: 150, outcome }, auth: { tokenLifetimeSeconds } });
      emu.faults.clear();
      emu.faults.add({ kind: 'status', status: 503, times: 2 });
      const runner = geminiRun(
        { emu, gh, apiKey: '' },
        {
          // Named: with a project in the environment, backend: auto would choose Vertex AI.
          backend: 'gemini-api',
          'eval-data': i === 0 ? 'examples/number-generator/eval.jsonl' : '',
          'comment-key': `wif-${i}`,
          cache: 'false',
        },
        {
          prNumber: 400 + i, // google-github-actions/auth exports the project too; without it google-auth-library would look
          // the project up at cloudresourcemanager.googleapis.com.
          // Another run id each time: with cache: false the tuned model id is per run.
          extra: {
            GOOGLE_APPLICATION_CREDENTIALS: credentials,
            GOOGLE_CLOUD_PROJECT: 'faults-proj',
            GITHUB_RUN_ID: String(7000 + i),
          },
        },
      );
      const main = await runNode(DIST_MAIN, runner.env);
      expect(main.code, main.stdout).toBe(i === 0 ? 0 : 1);
      expect(runner.outputs()['state']).toBe(outcome);
      results.push(main, await runNode(DIST_POST, runner.postEnv()));
      runners.push(runner);
    }
    // The Gemini API calls carried issued (impersonated) tokens, not an API key. (The STS token only
    // ever goes from google-auth-library to the IAM credentials route; it is scanned for below.)
    const used = new Set(
      emu.requests
        .filter((r) => r.path.startsWith('/v1beta/'))
        .map((r) => /^Bearer (.+)$/.exec(r.headers['authorization'] ?? '')?.[1])
        .filter((t): t is string => t !== undefined),
    );
    expect(used.size).toBeGreaterThan(0);
    expect(emu.requests.some((r) => r.headers['x-goog-api-key'])).toBe(false);
    const issued = emu.tokens.all().map((t) => t.token);
    for (const t of used) expect(issued).toContain(t);

    const stdout = results.map((r) => r.stdout).join('\n');
    // Masked before use: the runner hides every later occurrence (the ::add-mask:: line itself is consumed).
    for (const t of used) expect(stdout).toContain(`::add-mask::${t}`);
    const channels: Record<string, string> = {
      stdout: stdout
        .split('\n')
        .filter((l) => !l.startsWith('::add-mask::'))
        .join('\n'),
      stderr: results.map((r) => r.stderr).join('\n'),
      summary: runners.map((r) => r.summary()).join('\n'),
      outputs: JSON.stringify(runners.map((r) => r.outputs())),
      state: JSON.stringify(runners.map((r) => r.state())),
      report: runners.map((r) => readFileSync(r.outputs()['report-path']!, 'utf8')).join('\n'),
      comments: [400, 401]
        .map((n) =>
          gh
            .comments('octo-org', 'number-tuner', n)
            .map((c) => c.body)
            .join('\n'),
        )
        .join('\n'),
    };
    for (const [channel, text] of Object.entries(channels)) {
      if (channel !== 'stderr') expect(text.length, channel).toBeGreaterThan(0);
      for (const t of issued) expect(text.includes(t), `access token in ${channel}`).toBe(false);
      expect(text.includes(oidc), `OIDC token in ${channel}`).toBe(false);
      expect(text.includes(GITHUB_TOKEN), `GitHub token in ${channel}`).toBe(false);
    }
    return { used };
  }
}

describe('bearer-token auth (Workload Identity Federation) under faults', () => {
  it('masks every access token first and never shows one, nor the OIDC token, in any channel', async () => {
    await bearerTokenRuns(3600);
  });

  // Tokens this short-lived (what direct federation gives) are renewed by the library between
  // requests: every token actually sent must have been masked first, not only the first one.
  it('masks renewed tokens too, when they live only seconds', async () => {
    const { used } = await bearerTokenRuns(2);
    expect(used.size).toBeGreaterThan(2);
  });
});
