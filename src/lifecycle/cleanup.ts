/**
 * `mode: cleanup` for a closed pull request (INTERFACE "Modes"; decision 8): each tuned model that
 * carries its mark loses it; a model that nothing uses any more (no mark of an open pull request,
 * no release mark, no version alias but `default`) is undeployed and deleted instead. The decision
 * comes first and the mark goes last, so a delete that fails leaves the mark for the next run;
 * a second run finds nothing and deletes nothing.
 */

import type { ModelLifecycle } from '../backends/backend.js';
import { PR_MARK_PREFIX, pullRequestMark, pullRequestsIn, RELEASE_MARK } from './marks.js';

export interface CleanupResult {
  /** The tuned models deleted (with the endpoints and versions removed for each). */
  deleted: { model: string; removed: string[] }[];
  /** The tuned models kept, and why. */
  kept: { model: string; reason: string }[];
}

export async function cleanUp(
  lifecycle: ModelLifecycle,
  repository: string,
  pullRequest: number,
  /** The repository's open pull requests; null when unknown (then every other mark counts as in use). */
  open: ReadonlySet<number> | null,
): Promise<CleanupResult> {
  const result: CleanupResult = { deleted: [], kept: [] };
  for (const model of await lifecycle.findMarked(repository, pullRequestMark(pullRequest))) {
    const { marks, aliases } = await lifecycle.usage(model);
    // This pull request's mark, and those of pull requests closed since (when the open ones are known).
    const users = pullRequestsIn(marks).filter((n) => n !== pullRequest && (open === null || open.has(n)));
    const release = marks[RELEASE_MARK];
    const reasons = [
      ...(users.length > 0
        ? [`used by open pull request${users.length === 1 ? '' : 's'} ${users.map((n) => `#${n}`).join(', ')}`]
        : []),
      ...(release ? [`released as ${release}`] : []),
      ...(aliases.length > 0 ? [`has the version alias${aliases.length === 1 ? '' : 'es'} ${aliases.join(', ')}`] : []),
    ];
    if (reasons.length === 0) {
      result.deleted.push({ model, removed: await lifecycle.remove(model) });
      continue;
    }
    const left = Object.fromEntries(
      Object.entries(marks).filter(
        ([k]) => !k.startsWith(PR_MARK_PREFIX) || users.includes(Number(k.slice(PR_MARK_PREFIX.length))),
      ),
    );
    await lifecycle.setMarks(model, left);
    result.kept.push({ model, reason: reasons.join('; ') });
  }
  return result;
}
