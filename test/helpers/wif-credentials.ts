/**
 * What google-github-actions/auth leaves for Workload Identity Federation, pointed at the emulator:
 * GitHub's OIDC token in a file (a JWT the emulator's STS checks for shape and expiry, unsigned)
 * and an external_account credentials file that exchanges it, through a service account or direct.
 */

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A JWT shaped like GitHub's OIDC token, valid for an hour from `nowMs` (default: now). */
export function githubOidcToken(claims: Record<string, unknown> = {}, nowMs: number = Date.now()): string {
  const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(nowMs / 1000);
  return [
    enc({ alg: 'RS256', typ: 'JWT' }),
    enc({
      iss: 'https://token.actions.githubusercontent.com',
      sub: 'repo:octo-org/number-tuner:ref:refs/heads/main',
      iat: now,
      exp: now + 3600,
      ...claims,
    }),
    'c2lnbmF0dXJl',
  ].join('.');
}

export interface CredentialsOptions {
  /** Impersonate this service account (default); null: direct federation. */
  serviceAccount?: string | null;
  quotaProject?: string;
  /** Where to write (default: a new temporary folder). */
  dir?: string;
  /** The file's name in `dir`. */
  name?: string;
  /** When the OIDC token is issued (ms; default now): a run on a virtual clock gets a token of its own time. */
  issuedAt?: number;
}

/** Writes the OIDC token and the external_account file for the emulator at `emulatorUrl`; returns the file's path. */
export function externalAccountFile(emulatorUrl: string, project: string, opts: CredentialsOptions = {}): string {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'gemini-tune-wif-'));
  const name = opts.name ?? 'gha-creds.json';
  const tokenFile = join(dir, `${name}.oidc`);
  writeFileSync(tokenFile, githubOidcToken({}, opts.issuedAt));
  const serviceAccount =
    opts.serviceAccount === undefined ? `gemini-tune@${project}.iam.gserviceaccount.com` : opts.serviceAccount;
  const file = join(dir, name);
  writeFileSync(
    file,
    JSON.stringify({
      type: 'external_account',
      audience:
        '//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/github/providers/repo',
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: `${emulatorUrl}/v1/token`,
      ...(serviceAccount
        ? {
            service_account_impersonation_url: `${emulatorUrl}/v1/projects/-/serviceAccounts/${serviceAccount}:generateAccessToken`,
          }
        : {}),
      credential_source: { file: tokenFile },
      ...(opts.quotaProject ? { quota_project_id: opts.quotaProject } : {}),
    }),
  );
  return file;
}
