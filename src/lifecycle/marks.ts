/**
 * Who uses a tuned model (INTERFACE "Modes": cleanup, promote): marks on the model, as Vertex AI
 * labels on the model version, or (the Gemini API has no labels) in the tuned model's description.
 * - `gemini_tune_repo`: the repository (GITHUB_REPOSITORY_ID), on every job the action creates;
 * - `gemini_tune_pr_<N>` = `open`: a pull request that made or reused the model;
 * - `gemini_tune_release` = the release label: the model `promote` marked (never deleted).
 */

export const REPO_MARK = 'gemini_tune_repo';
export const PR_MARK_PREFIX = 'gemini_tune_pr_';
export const RELEASE_MARK = 'gemini_tune_release';

export type Marks = Record<string, string>;

/** The repository's mark value: its numeric id (survives a rename), else its name as a label value. */
export function repositoryMark(env: NodeJS.ProcessEnv): string {
  const id = env['GITHUB_REPOSITORY_ID'] ?? '';
  if (/^\d{1,63}$/.test(id)) return id;
  const name = (env['GITHUB_REPOSITORY'] ?? 'local')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .slice(0, 63);
  return name || 'local';
}

export const pullRequestMark = (number: number): string => `${PR_MARK_PREFIX}${number}`;

/** The marks a job is created with: the repository, and the pull request when there is one. */
export function creationMarks(env: NodeJS.ProcessEnv, pullRequest: number | null): Marks {
  return {
    [REPO_MARK]: repositoryMark(env),
    ...(pullRequest !== null ? { [pullRequestMark(pullRequest)]: 'open' } : {}),
  };
}

/** The pull requests whose marks are on a model. */
export function pullRequestsIn(marks: Marks): number[] {
  return Object.keys(marks)
    .map((k) => (k.startsWith(PR_MARK_PREFIX) ? Number(k.slice(PR_MARK_PREFIX.length)) : Number.NaN))
    .filter((n) => Number.isSafeInteger(n) && n > 0)
    .sort((a, b) => a - b);
}

// The Gemini API keeps the marks at the end of the description: ` [gemini-tune repo=ID pr=1,2 release=LABEL]`.
const BLOCK = /\s*\[gemini-tune(?: [a-z]+=[A-Za-z0-9_,.-]*)*\]\s*$/;

/** The marks in a Gemini API tuned model's description. */
export function marksInDescription(description: string): Marks {
  const block = BLOCK.exec(description)?.[0];
  if (!block) return {};
  const marks: Marks = {};
  for (const [, key, value] of block.matchAll(/ ([a-z]+)=([A-Za-z0-9_,.-]*)/g)) {
    if (key === 'repo' && value) marks[REPO_MARK] = value;
    if (key === 'release' && value) marks[RELEASE_MARK] = value;
    if (key === 'pr' && value)
      for (const n of value.split(',')) if (/^\d+$/.test(n)) marks[pullRequestMark(Number(n))] = 'open';
  }
  return marks;
}

/** The description with its marks block replaced by `marks` (the user's text kept before it). */
export function describeWithMarks(description: string, marks: Marks): string {
  const text = description.replace(BLOCK, '');
  const parts: string[] = [];
  if (marks[REPO_MARK]) parts.push(`repo=${marks[REPO_MARK]}`);
  const prs = pullRequestsIn(marks);
  if (prs.length > 0) parts.push(`pr=${prs.join(',')}`);
  if (marks[RELEASE_MARK]) parts.push(`release=${marks[RELEASE_MARK]}`);
  if (parts.length === 0) return text;
  return `${text}${text ? ' ' : ''}[gemini-tune ${parts.join(' ')}]`;
}
