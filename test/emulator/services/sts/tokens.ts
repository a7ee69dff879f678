/**
 * Access tokens the emulator issued (STS token exchange, IAM credentials impersonation), with
 * their expiry on the emulator clock. The server's credential check accepts a bearer token when it
 * is one of the configured static tokens or an issued token that has not expired.
 */
import { randomBytes } from 'node:crypto';

export interface IssuedToken {
  token: string;
  /** 'sts' (federated token) or 'impersonated' (generateAccessToken) */
  kind: 'sts' | 'impersonated';
  /** the workload identity provider audience (sts) or the service account email (impersonated) */
  subject: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
}

export class TokenRegistry {
  private readonly issued = new Map<string, IssuedToken>();

  constructor(
    private readonly now: () => number,
    private readonly staticTokens: ReadonlySet<string>,
  ) {}

  reset(): void {
    this.issued.clear();
  }

  issue(kind: IssuedToken['kind'], subject: string, scopes: string[], lifetimeSeconds: number): IssuedToken {
    const prefix = kind === 'sts' ? 'ya29.d.emu-sts-' : 'ya29.c.emu-sa-';
    const token = prefix + randomBytes(24).toString('base64url');
    const at = this.now();
    const t: IssuedToken = { token, kind, subject, scopes, issuedAt: at, expiresAt: at + lifetimeSeconds * 1000 };
    this.issued.set(token, t);
    return t;
  }

  /** The issued token, if it exists and has not expired. */
  lookup(token: string): IssuedToken | undefined {
    const t = this.issued.get(token);
    return t !== undefined && this.now() < t.expiresAt ? t : undefined;
  }

  /** What the credential check calls: static tokens, or issued tokens not yet expired. */
  has(token: string): boolean {
    return this.staticTokens.has(token) || this.lookup(token) !== undefined;
  }

  all(): IssuedToken[] {
    return [...this.issued.values()].map((t) => ({ ...t, scopes: [...t.scopes] }));
  }
}
