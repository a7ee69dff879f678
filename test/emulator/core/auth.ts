/** Credentials as Google's front end checks them: API key (header or ?key=) or OAuth bearer. */
import { ApiError, details } from './status.js';

export interface Credentials {
  apiKeys: ReadonlySet<string>;
  /** static tokens, or a registry that also knows the tokens the emulator issued (and their expiry) */
  bearerTokens: { has(token: string): boolean };
}

export type Caller = { kind: 'apiKey'; key: string; via: 'header' | 'query' } | { kind: 'bearer'; token: string };

export function authenticate(
  headers: Record<string, string>,
  query: URLSearchParams,
  creds: Credentials,
  service = 'generativelanguage.googleapis.com',
): Caller {
  const headerKey = headers['x-goog-api-key'];
  const queryKey = query.get('key');
  const key = headerKey ?? queryKey ?? undefined;
  if (key !== undefined) {
    if (!creds.apiKeys.has(key)) {
      const msg = 'API key not valid. Please pass a valid API key.';
      throw new ApiError('INVALID_ARGUMENT', msg, [
        details.errorInfo('API_KEY_INVALID', { service }),
        details.localizedMessage(msg),
      ]);
    }
    return { kind: 'apiKey', key, via: headerKey !== undefined ? 'header' : 'query' };
  }
  const authz = headers['authorization'];
  if (authz !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authz);
    if (m === null || !creds.bearerTokens.has(m[1]!)) {
      throw new ApiError(
        'UNAUTHENTICATED',
        'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
        [details.errorInfo('ACCESS_TOKEN_TYPE_UNSUPPORTED', { service, method: 'unknown' })],
      );
    }
    return { kind: 'bearer', token: m[1]! };
  }
  throw new ApiError(
    'PERMISSION_DENIED',
    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
  );
}

/** The service a path belongs to (named in ErrorInfo metadata), since all share one port. */
export function serviceForPath(path: string): string {
  if (/^\/(upload\/|download\/)?storage\/v1\//.test(path)) return 'storage.googleapis.com';
  if (/^\/v1(beta1)?\/projects\/[^/]+\/locations\//.test(path)) return 'aiplatform.googleapis.com';
  return 'generativelanguage.googleapis.com';
}
