import { DISPLAY_NAME_LIMIT } from './settings.js';
import type { BackendName } from '../domain.js';

/** The repository name and `pr<N>` (or the short commit SHA), cut to the backend's limit. */
export function defaultDisplayName(backend: BackendName, env: NodeJS.ProcessEnv, prNumber: number | null): string {
  const repo = (env['GITHUB_REPOSITORY'] ?? 'gemini-tune').split('/').pop() || 'gemini-tune';
  const suffix = prNumber !== null ? `pr${prNumber}` : (env['GITHUB_SHA'] ?? '').slice(0, 7) || 'local';
  const limit = DISPLAY_NAME_LIMIT[backend];
  const room = limit - suffix.length - 1;
  return `${[...repo].slice(0, Math.max(1, room)).join('')}-${suffix}`;
}
