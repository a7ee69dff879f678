/**
 * Conformance: google-auth-library's external_account flow (what google-github-actions/auth
 * writes for Workload Identity Federation) runs for real against the emulator: the credential
 * source (file, or URL like GitHub's OIDC endpoint), the STS token exchange, optional
 * service-account impersonation, then an authenticated Vertex AI call carrying the quota project.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GoogleAuth } from 'google-auth-library';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator } from '../emulator/server.js';
import type { Emulator } from '../emulator/types.js';

const AUDIENCE =
  '//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github/providers/my-repo';
const SA = 'gemini-tuner@demo-project.iam.gserviceaccount.com';
const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

let emu: Emulator;
let dir: string;
beforeAll(async () => {
  process.env['METADATA_SERVER_DETECTION'] = 'none';
  emu = await startEmulator();
  dir = mkdtempSync(join(tmpdir(), 'ext-account-'));
});
afterAll(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  emu.reset();
  emu.tokens.reset(); // each test builds its own client
});

function oidcJwt(): string {
  const b = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  return `${b({ alg: 'RS256', typ: 'JWT' })}.${b({ iss: 'https://token.actions.githubusercontent.com', aud: AUDIENCE, exp: now + 300 })}.c2ln`;
}

function credentialsFile(name: string, over: Record<string, unknown>): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    JSON.stringify({
      type: 'external_account',
      audience: AUDIENCE,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: `${emu.url}/v1/token`,
      quota_project_id: 'quota-proj',
      ...over,
    }),
  );
  return file;
}

async function callVertex(keyFile: string): Promise<{ status: number; data: unknown }> {
  const auth = new GoogleAuth({ keyFile, scopes: [SCOPE], projectId: 'demo-project' });
  const client = await auth.getClient();
  const r = await client.request({ url: `${emu.url}/v1/projects/demo-project/locations/us-central1/tuningJobs` });
  return { status: r.status, data: r.data };
}

describe('google-auth-library external_account against the emulator', () => {
  it('file credential source → STS → Vertex AI call with the federated token and the quota project', async () => {
    const tokenFile = join(dir, 'oidc-token');
    const subject = oidcJwt();
    writeFileSync(tokenFile, subject);
    const keyFile = credentialsFile('file-source.json', { credential_source: { file: tokenFile } });
    const r = await callVertex(keyFile);
    expect(r.status).toBe(200);

    const sts = emu.requests.find((q) => q.path === '/v1/token')!;
    expect(sts.method).toBe('POST');
    const form = new URLSearchParams(sts.body);
    expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:token-exchange');
    expect(form.get('audience')).toBe(AUDIENCE);
    expect(form.get('subject_token')).toBe(subject);
    expect(form.get('scope')).toBe(SCOPE);
    expect(sts.status).toBe(200);

    const call = emu.requests.find((q) => q.path.includes('/tuningJobs'))!;
    const issued = emu.tokens.all();
    expect(issued).toHaveLength(1);
    expect(issued[0]!.kind).toBe('sts');
    expect(call.headers['authorization']).toBe(`Bearer ${issued[0]!.token}`);
    expect(call.headers['x-goog-user-project']).toBe('quota-proj');
  });

  it('URL credential source (GitHub OIDC shape) + service-account impersonation', async () => {
    const keyFile = credentialsFile('url-source.json', {
      credential_source: {
        url: `${emu.url}/_apis/oidc/token?audience=${encodeURIComponent(AUDIENCE)}`,
        headers: { Authorization: 'Bearer actions-request-token' },
        format: { type: 'json', subject_token_field_name: 'value' },
      },
      service_account_impersonation_url: `${emu.url}/v1/projects/-/serviceAccounts/${SA}:generateAccessToken`,
    });
    const r = await callVertex(keyFile);
    expect(r.status).toBe(200);

    const paths = emu.requests.map((q) => `${q.method} ${q.path.split('?')[0]}`);
    expect(paths).toEqual([
      'GET /_apis/oidc/token',
      'POST /v1/token',
      `POST /v1/projects/-/serviceAccounts/${SA}:generateAccessToken`,
      'GET /v1/projects/demo-project/locations/us-central1/tuningJobs',
    ]);
    const oidc = emu.requests[0]!;
    expect(oidc.headers['authorization']).toBe('Bearer actions-request-token');
    const impersonate = emu.requests[2]!;
    expect(JSON.parse(impersonate.body).scope).toEqual([SCOPE]);
    const sts = emu.tokens.all().find((t) => t.kind === 'sts')!;
    expect(impersonate.headers['authorization']).toBe(`Bearer ${sts.token}`);
    const sa = emu.tokens.all().find((t) => t.kind === 'impersonated')!;
    expect(sa.subject).toBe(SA);
    expect(emu.requests[3]!.headers['authorization']).toBe(`Bearer ${sa.token}`);
  });

  it('a subject token STS refuses surfaces as an error from getClient/request', async () => {
    emu.configure({ auth: { subjectTokens: ['only-this-one'] } });
    const tokenFile = join(dir, 'other-token');
    writeFileSync(tokenFile, 'some-other-token');
    const keyFile = credentialsFile('refused.json', { credential_source: { file: tokenFile } });
    await expect(callVertex(keyFile)).rejects.toThrow(/invalid_grant/);
    expect(emu.requests.some((q) => q.path.includes('/tuningJobs'))).toBe(false);
  });
});
