/**
 * Guards the layout of src/ (see the shared style notes: "Layout = pipeline"): no import cycles, no module too long
 * to read in one sitting, and src/domain.ts, the shared vocabulary, at the bottom importing nothing of ours.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAX_LINES = 400;
const DOMAIN = 'src/domain.ts';
const CYCLE_LIMIT = 100;

/** A module graph: each file (a path relative to the repository) and the files it imports. */
type Graph = ReadonlyMap<string, readonly string[]>;

/**
 * Every elementary cycle of the graph, each one closed (its first file repeated at the end) and started at its
 * smallest file, so the same cycle is never reported twice and the order is stable. Enumeration stops after `limit`
 * cycles: a dense tangle can hold exponentially many, and the first ones are enough to start untangling.
 */
function findCycles(graph: Graph, limit = CYCLE_LIMIT): string[][] {
  const nodes = [...graph.keys()].sort();
  const cycles: string[][] = [];
  for (const start of nodes) {
    // Only walk through files after `start`: a cycle through an earlier file was found from that file.
    const stack = [start];
    const onStack = new Set(stack);
    const walk = (from: string): void => {
      for (const to of [...(graph.get(from) ?? [])].sort()) {
        if (cycles.length >= limit) return;
        if (to === start) cycles.push([...stack, start]);
        else if (to > start && !onStack.has(to) && graph.has(to)) {
          stack.push(to);
          onStack.add(to);
          walk(to);
          onStack.delete(to);
          stack.pop();
        }
      }
    };
    walk(start);
  }
  return cycles;
}

/** The .ts files under src/, as repository paths with forward slashes. */
function sourceFiles(): string[] {
  return readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => `src/${file.split(path.sep).join('/')}`)
    .sort();
}

/**
 * The relative specifiers a file imports: static and type-only imports, re-exports, and `import('…')` in code and
 * in types. TypeScript's own pre-parser finds them, so an import shown in a comment or a string is not an edge.
 */
function relativeImports(text: string): string[] {
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((ref) => ref.fileName)
    .filter((specifier) => specifier.startsWith('./') || specifier.startsWith('../'));
}

/** Resolves a specifier the way NodeNext does for our sources: `./x.js` is the file `./x.ts` next to `from`. */
function resolve(from: string, specifier: string): string {
  return path.posix.join(path.posix.dirname(from), specifier).replace(/\.js$/, '.ts');
}

/** Lines as `wc -l` counts them, so the numbers match what a maintainer sees in a terminal. */
function lineCount(text: string): number {
  const lines = text.split('\n').length;
  return text.endsWith('\n') ? lines - 1 : lines;
}

const files = sourceFiles();
const texts = new Map(files.map((file) => [file, readFileSync(path.join(ROOT, file), 'utf8')]));
const graph: Graph = new Map(
  files.map((file) => [
    file,
    [...new Set(relativeImports(texts.get(file) ?? '').map((spec) => resolve(file, spec)))].filter((to) =>
      texts.has(to),
    ),
  ]),
);

describe('src/ layout', () => {
  it('has no import cycles between its modules (type-only imports count too)', () => {
    const cycles = findCycles(graph, CYCLE_LIMIT);
    const tangled = new Set(cycles.flat()).size;
    const count = cycles.length >= CYCLE_LIMIT ? `at least ${CYCLE_LIMIT}` : String(cycles.length);
    // One cycle a line in the diff, so the report reads as the list of cycles to break.
    expect(
      cycles.map((cycle) => cycle.join(' -> ')).join('\n'),
      `${count} import cycles through ${tangled} modules of src/: break each by moving what they share down`,
    ).toBe('');
  });

  it(`keeps every module at ${MAX_LINES} lines or fewer`, () => {
    const oversize = files
      .map((file) => ({ file, lines: lineCount(texts.get(file) ?? '') }))
      .filter(({ lines }) => lines > MAX_LINES)
      .sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file))
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(
      oversize.join('\n'),
      `${oversize.length} modules of src/ are over ${MAX_LINES} lines: split them by job`,
    ).toBe('');
  });

  // src/domain.ts arrives with the layout refactoring: skipped, not failed, on a tree that does not have it yet.
  it.skipIf(!existsSync(path.join(ROOT, DOMAIN)))(
    `${DOMAIN} imports no other module of ours (it is the bottom)`,
    () => {
      const imports = relativeImports(readFileSync(path.join(ROOT, DOMAIN), 'utf8'));
      expect(imports.join('\n'), `${DOMAIN} is the shared vocabulary and must import nothing relative`).toBe('');
    },
  );
});

describe('the cycle finder the layout test relies on', () => {
  it('reports each cycle of a graph that has some, and nothing for a graph without', () => {
    const withCycles: Graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['a.ts', 'c.ts', 'd.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', []],
    ]);
    const withoutCycle: Graph = new Map([
      ['a.ts', ['b.ts', 'c.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', []],
    ]);
    expect(findCycles(withCycles).map((cycle) => cycle.join(' -> '))).toEqual([
      'a.ts -> b.ts -> a.ts',
      'a.ts -> b.ts -> c.ts -> a.ts',
    ]);
    expect(findCycles(withoutCycle)).toEqual([]);
  });
});
