/** The hidden marker that finds our sticky comment again. */

import { createHash } from 'node:crypto';

const PREFIX = '<!-- gemini-tune:';
const MAX_KEY = 100;

/**
 * `<!-- gemini-tune:KEY -->`. KEY keeps letters, digits and `. _ / : ( ) + = , -`; anything else
 * (spaces, `>`, newlines, non-ASCII) becomes `_`, and runs of `-` collapse, so the key can never
 * end the HTML comment early. When sanitising changed the key (or it had to be shortened), a short
 * hash of the original is appended so distinct keys stay distinct.
 */
export function commentMarker(key: string): string {
  const original = key.trim() === '' ? 'default' : key.trim();
  let safe = original.replace(/[^A-Za-z0-9._/:()+=,-]+/g, '_').replace(/-{2,}/g, '-');
  const changed = safe !== original;
  if (safe.length > MAX_KEY) safe = safe.slice(0, MAX_KEY);
  if (changed || safe !== original) {
    const hash = createHash('sha256').update(original, 'utf8').digest('hex').slice(0, 8);
    safe = `${safe.replace(/-$/, '')}~${hash}`;
  }
  return `${PREFIX}${safe} -->`;
}

/** The default comment key: workflow name and job id, so each workflow job gets its own comment. */
export function defaultCommentKey(env: NodeJS.ProcessEnv = process.env): string {
  const workflow = env['GITHUB_WORKFLOW']?.trim() ?? '';
  const job = env['GITHUB_JOB']?.trim() ?? '';
  const key = [workflow, job].filter((p) => p !== '').join('/');
  return key === '' ? 'default' : key;
}

export const MARKER_PREFIX = PREFIX;
