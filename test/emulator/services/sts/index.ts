/**
 * Keyless auth, as google-auth-library's external_account flow drives it:
 * - Security Token Service `POST /v1/token` (sts.googleapis.com): RFC 8693 token exchange of the
 *   subject token (the GitHub OIDC token from the credential source) for a federated access token.
 * - IAM credentials `POST /v1/projects/-/serviceAccounts/{email}:generateAccessToken`
 *   (iamcredentials.googleapis.com): service-account impersonation with a federated token.
 * - A stand-in for GitHub's OIDC token URL (`ACTIONS_ID_TOKEN_REQUEST_URL`):
 *   `GET /_apis/oidc/token?audience=` → `{"value": "<JWT>"}`, so a credential_source.url can point
 *   at the emulator too.
 * Issued tokens are accepted as bearer tokens by the other services until they expire.
 */
import type { ServiceEnv } from '../../core/env.js';
import type { Reply, RequestCtx, Router } from '../../core/router.js';
import { json } from '../../core/router.js';
import { ApiError, details } from '../../core/status.js';
import type { TokenRegistry } from './tokens.js';

export const TOKEN_EXCHANGE_GRANT = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
const SUBJECT_TOKEN_TYPES = new Set([
  'urn:ietf:params:oauth:token-type:jwt',
  'urn:ietf:params:oauth:token-type:id_token',
  'urn:ietf:params:aws:token-type:aws4_request',
  'urn:ietf:params:oauth:token-type:saml2',
]);
const AUDIENCE_RE =
  /^\/\/iam\.googleapis\.com\/(projects\/\d+\/locations\/global\/workloadIdentityPools\/[^/]+\/providers\/[^/]+|locations\/global\/workforcePools\/[^/]+\/providers\/[^/]+)$/;
const SA_EMAIL_RE = /^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z0-9-]+\.iam\.gserviceaccount\.com$/;

export interface ResolvedSts {
  /** Lifetime of the tokens STS issues, seconds (the service: 3600; google-auth-library sees 3599). */
  tokenLifetimeSeconds: number;
  /** Accepted subject tokens; undefined = any non-empty token (a JWT must not be expired). */
  subjectTokens: string[] | undefined;
  /** Service accounts that may be impersonated; undefined = any *.iam.gserviceaccount.com address. */
  serviceAccounts: string[] | undefined;
}

const oauthError = (status: number, error: string, description: string): Reply =>
  json(status, { error, error_description: description });

function decodeJwtPayload(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const v = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as unknown;
    return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Form (what google-auth-library sends) or JSON body → flat string map. */
function formOrJson(ctx: RequestCtx): Record<string, string> {
  const type = ctx.headers['content-type'] ?? '';
  const out: Record<string, string> = {};
  if (type.includes('json')) {
    try {
      const v = JSON.parse(ctx.rawBody) as Record<string, unknown>;
      for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
    } catch {
      // fall through: empty
    }
    return out;
  }
  for (const [k, v] of new URLSearchParams(ctx.rawBody)) out[k] = v;
  return out;
}

export class StsService {
  constructor(
    private readonly env: ServiceEnv,
    private readonly tokens: TokenRegistry,
    private readonly config: () => ResolvedSts,
  ) {}

  /**
   * Issued tokens survive reset(): a client (google-auth-library) caches its token across the
   * tests that share an emulator. `emu.tokens.reset()` forgets them.
   */
  reset(): void {
    // nothing else to clear
  }

  register(router: Router): void {
    router.add('POST', /^\/v1\/token$/, (c) => this.exchange(c), { auth: false });
    router.add(
      'POST',
      /^\/v1\/projects\/(?<project>[^/]+)\/serviceAccounts\/(?<email>[^/:]+):generateAccessToken$/,
      (c) => this.generateAccessToken(c),
      { auth: false },
    );
    router.add('GET', /^\/_apis\/oidc\/token$/, (c) => this.githubOidc(c), { auth: false });
  }

  private exchange(ctx: RequestCtx): Reply {
    const f = formOrJson(ctx);
    if (f['grant_type'] !== TOKEN_EXCHANGE_GRANT) {
      return oauthError(400, 'unsupported_grant_type', `Invalid value for "grant_type": ${f['grant_type'] ?? ''}`);
    }
    const audience = f['audience'] ?? '';
    if (!AUDIENCE_RE.test(audience)) {
      return oauthError(
        400,
        'invalid_request',
        'Invalid value for "audience". This value should be the full resource name of the Identity Provider.',
      );
    }
    const subjectTokenType = f['subject_token_type'] ?? '';
    if (!SUBJECT_TOKEN_TYPES.has(subjectTokenType)) {
      return oauthError(400, 'invalid_request', `Invalid value for "subject_token_type": ${subjectTokenType}`);
    }
    const reqType = f['requested_token_type'];
    if (reqType !== ACCESS_TOKEN_TYPE) {
      return oauthError(400, 'invalid_request', `Invalid value for "requested_token_type": ${reqType ?? ''}`);
    }
    const subject = f['subject_token'] ?? '';
    if (subject === '') return oauthError(400, 'invalid_request', 'Missing required parameter: "subject_token".');
    const cfg = this.config();
    if (cfg.subjectTokens !== undefined && !cfg.subjectTokens.includes(subject)) {
      return oauthError(400, 'invalid_grant', 'The subject token was not accepted by the identity provider.');
    }
    const claims = decodeJwtPayload(subject);
    if (claims !== undefined && typeof claims['exp'] === 'number' && claims['exp'] * 1000 <= this.env.now()) {
      return oauthError(400, 'invalid_grant', 'ID Token issued at an unexpected time or has expired.');
    }
    const scopes = (f['scope'] ?? '').split(/\s+/).filter((s) => s !== '');
    const t = this.tokens.issue('sts', audience, scopes, cfg.tokenLifetimeSeconds);
    return json(200, {
      access_token: t.token,
      issued_token_type: ACCESS_TOKEN_TYPE,
      token_type: 'Bearer',
      // the service answers one second short of the lifetime
      expires_in: Math.max(0, cfg.tokenLifetimeSeconds - 1),
    });
  }

  private generateAccessToken(ctx: RequestCtx): Reply {
    const service = 'iamcredentials.googleapis.com';
    const authz = /^Bearer\s+(\S+)\s*$/i.exec(ctx.headers['authorization'] ?? '');
    if (authz === null || !this.tokens.has(authz[1]!)) {
      throw new ApiError(
        'UNAUTHENTICATED',
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        [details.errorInfo('ACCESS_TOKEN_TYPE_UNSUPPORTED', { service, method: 'GenerateAccessToken' })],
      );
    }
    const email = decodeURIComponent(ctx.params['email']!);
    const project = ctx.params['project']!;
    const cfg = this.config();
    const allowed = cfg.serviceAccounts === undefined ? SA_EMAIL_RE.test(email) : cfg.serviceAccounts.includes(email);
    if (project !== '-' || !allowed) {
      throw new ApiError(
        'PERMISSION_DENIED',
        "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).",
        [
          details.errorInfo(
            'IAM_PERMISSION_DENIED',
            { permission: 'iam.serviceAccounts.getAccessToken' },
            'iam.googleapis.com',
          ),
        ],
      );
    }
    let body: Record<string, unknown>;
    try {
      body = ctx.rawBody.trim() === '' ? {} : (JSON.parse(ctx.rawBody) as Record<string, unknown>);
    } catch {
      throw new ApiError('INVALID_ARGUMENT', 'Invalid JSON payload received.');
    }
    const scope = body['scope'];
    if (!Array.isArray(scope) || scope.length === 0 || !scope.every((s) => typeof s === 'string')) {
      throw new ApiError('INVALID_ARGUMENT', 'Scope required.', [
        details.badRequest([{ field: 'scope', description: 'Scope required.' }]),
      ]);
    }
    let lifetime = 3600;
    if (body['lifetime'] !== undefined) {
      const m = /^(\d+(?:\.\d+)?)s$/.exec(String(body['lifetime']));
      if (m === null || Number(m[1]) <= 0 || Number(m[1]) > 43200) {
        throw new ApiError('INVALID_ARGUMENT', `Invalid value for lifetime: ${String(body['lifetime'])}`);
      }
      lifetime = Number(m[1]);
    }
    const t = this.tokens.issue('impersonated', email, scope as string[], lifetime);
    return json(200, {
      accessToken: t.token,
      expireTime: new Date(t.expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
  }

  /** GitHub's OIDC token URL, enough for a credential_source.url in tests. */
  private githubOidc(ctx: RequestCtx): Reply {
    if (!/^Bearer\s+\S+/i.test(ctx.headers['authorization'] ?? '')) {
      return json(401, { message: 'Missing bearer token (ACTIONS_ID_TOKEN_REQUEST_TOKEN).' });
    }
    const now = Math.floor(this.env.now() / 1000);
    const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
    const payload = {
      iss: 'https://token.actions.githubusercontent.com',
      aud: ctx.query.get('audience') ?? 'https://github.com/emulator',
      sub: 'repo:octo-org/octo-repo:ref:refs/heads/main',
      repository: 'octo-org/octo-repo',
      iat: now,
      nbf: now,
      exp: now + 300,
    };
    const jwt = `${b64({ alg: 'RS256', typ: 'JWT', kid: 'emulator' })}.${b64(payload)}.${Buffer.from('emulator-signature').toString('base64url')}`;
    return json(200, { count: 1, value: jwt });
  }
}
