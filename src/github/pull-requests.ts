/** The repository's open pull requests, every page: where `mode: finish` looks for jobs left training. */

import type { PullRequestTarget } from './event.js';
import { octokitFor, type GitHubAccess } from './octokit.js';

export async function openPullRequests(
  access: GitHubAccess,
  repository: { owner: string; repo: string },
): Promise<PullRequestTarget[]> {
  const octokit = await octokitFor(access);
  const found: PullRequestTarget[] = [];
  const pages = octokit.paginate.iterator(octokit.rest.pulls.list, {
    owner: repository.owner,
    repo: repository.repo,
    state: 'open',
    per_page: 100,
  });
  for await (const page of pages) {
    for (const pr of page.data) {
      const base = pr.base.repo.full_name;
      const head = pr.head.repo?.full_name ?? null;
      found.push({
        owner: repository.owner,
        repo: repository.repo,
        number: pr.number,
        isFork: head === null || head.toLowerCase() !== base.toLowerCase(),
        headSha: pr.head.sha,
        headRepo: head,
      });
    }
  }
  return found;
}
