import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Emulator } from '../../emulator/types.js';
import type { ManualClock } from './vertex-helpers.js';
import { PARENT, call, withVertex } from './vertex-helpers.js';

const AUDIENCE =
  '//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github/providers/github';
const SA = 'gemini-tuner@demo-project.iam.gserviceaccount.com';
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let emu: Emulator;
let clock: ManualClock;
beforeAll(async () => {
  ({ emu, clock } = await withVertex());
});
afterAll(() => emu.close());
beforeEach(() => {
  emu.reset();
  emu.tokens.reset();
});

function jwt(claims: Record<string, unknown>): string {
  const b = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${b({ alg: 'RS256' })}.${b(claims)}.c2ln`;
}

const exchange = (over: Record<string, string> = {}) =>
  call(
    emu,
    'POST',
    '/v1/token',
    new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      audience: AUDIENCE,
      scope: 'https://www.googleapis.com/auth/cloud-platform',
      requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      subject_token: jwt({ exp: Math.floor(clock.now() / 1000) + 300 }),
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      ...over,
    }).toString(),
    FORM,
  );

describe('STS token exchange', () => {
  it('issues a federated token the other services accept until it expires', async () => {
    const r = await exchange();
    expect(r.status, r.text).toBe(200);
    expect(r.json.token_type).toBe('Bearer');
    expect(r.json.issued_token_type).toBe('urn:ietf:params:oauth:token-type:access_token');
    expect(r.json.expires_in).toBe(3599);
    const auth = { authorization: `Bearer ${r.json.access_token}` };
    expect((await call(emu, 'GET', `${PARENT}/tuningJobs`, undefined, auth)).status).toBe(200);
    clock.advance(3600 * 1000);
    const expired = await call(emu, 'GET', `${PARENT}/tuningJobs`, undefined, auth);
    expect(expired.status).toBe(401);
  });

  it('refuses a wrong audience, grant type, or an expired subject token', async () => {
    const aud = await exchange({ audience: 'projects/1/pools/x' });
    expect(aud.status).toBe(400);
    expect(aud.json.error).toBe('invalid_request');
    const grant = await exchange({ grant_type: 'client_credentials' });
    expect(grant.status).toBe(400);
    expect(grant.json.error).toBe('unsupported_grant_type');
    const old = await exchange({ subject_token: jwt({ exp: Math.floor(clock.now() / 1000) - 1 }) });
    expect(old.status).toBe(400);
    expect(old.json.error).toBe('invalid_grant');
    expect(emu.tokens.all()).toHaveLength(0);
  });
});

describe('service-account impersonation', () => {
  it('generateAccessToken with a federated token issues a token for the service account', async () => {
    const fed = (await exchange()).json.access_token as string;
    const r = await call(
      emu,
      'POST',
      `/v1/projects/-/serviceAccounts/${encodeURIComponent(SA)}:generateAccessToken`,
      { scope: ['https://www.googleapis.com/auth/cloud-platform'], lifetime: '600s' },
      { authorization: `Bearer ${fed}` },
    );
    expect(r.status, r.text).toBe(200);
    expect(r.json.expireTime).toBe(new Date(clock.now() + 600_000).toISOString().replace('.000Z', 'Z'));
    const tok = emu.tokens.all().find((t) => t.kind === 'impersonated')!;
    expect(tok.subject).toBe(SA);
    const auth = { authorization: `Bearer ${r.json.accessToken}` };
    expect((await call(emu, 'GET', `${PARENT}/tuningJobs`, undefined, auth)).status).toBe(200);
    clock.advance(600_000);
    expect((await call(emu, 'GET', `${PARENT}/tuningJobs`, undefined, auth)).status).toBe(401);
  });

  it('needs a valid bearer token and an allowed service account', async () => {
    const path = `/v1/projects/-/serviceAccounts/${SA}:generateAccessToken`;
    const body = { scope: ['https://www.googleapis.com/auth/cloud-platform'] };
    expect((await call(emu, 'POST', path, body, { authorization: 'Bearer nope' })).status).toBe(401);
    emu.configure({ auth: { serviceAccounts: ['other@demo-project.iam.gserviceaccount.com'] } });
    const fed = (await exchange()).json.access_token as string;
    const denied = await call(emu, 'POST', path, body, { authorization: `Bearer ${fed}` });
    expect(denied.status).toBe(403);
    const noScope = await call(
      emu,
      'POST',
      `/v1/projects/-/serviceAccounts/other@demo-project.iam.gserviceaccount.com:generateAccessToken`,
      {},
      {
        authorization: `Bearer ${fed}`,
      },
    );
    expect(noScope.status).toBe(400);
  });
});

describe('GitHub OIDC stand-in', () => {
  it('answers {value: JWT} with the requested audience', async () => {
    const r = await call(emu, 'GET', '/_apis/oidc/token?audience=aud-x', undefined, { authorization: 'Bearer req' });
    expect(r.status).toBe(200);
    const claims = JSON.parse(Buffer.from(r.json.value.split('.')[1], 'base64url').toString());
    expect(claims.aud).toBe('aud-x');
    expect((await call(emu, 'GET', '/_apis/oidc/token', undefined, {})).status).toBe(401);
  });
});
