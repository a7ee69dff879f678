/**
 * Every secret the run knows (API key, GitHub token, access tokens) is registered here once:
 * masked in the runner's log and scrubbed from any text we write ourselves (report, summary,
 * comment, error messages), since the runner masks only its own log.
 */

import { addMask } from './workflow-commands.js';

const secrets = new Set<string>();

export function registerSecret(value: string | null | undefined): void {
  if (!value || value.length < 6 || secrets.has(value)) return;
  secrets.add(value);
  addMask(value);
}

/** Replaces every registered secret in `text` with ***. */
export function scrub(text: string): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join('***');
  }
  return out;
}

/** For tests. */
export function forgetSecrets(): void {
  secrets.clear();
}
