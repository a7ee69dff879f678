/** The README's example eval records are valid eval cases, each with the scorer of its row. */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEvalSet } from '../../src/dataset/validate/load-eval.js';
import { SCORER_NAMES } from '../../src/domain.js';
import { ROOT, workspaceTempDir } from '../helpers/runner-env.js';

describe('README: the scorers table', () => {
  it('has one row per scorer, and its example record loads as a case with that scorer', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const rows = [...readme.matchAll(/^\| `([a-z-]+)` +\|[^|]+\| `(\{.*\})` +\|$/gm)].map((m) => ({
      scorer: m[1]!,
      record: m[2]!,
    }));
    expect(rows.map((r) => r.scorer)).toEqual([...SCORER_NAMES]);
    const file = join(workspaceTempDir('readme-scorers-'), 'eval.jsonl');
    writeFileSync(file, rows.map((r) => JSON.stringify(JSON.parse(r.record))).join('\n') + '\n');
    const ds = await loadEvalSet(file, { workspace: ROOT });
    expect(ds.problems).toEqual([]);
    expect(ds.records.map((c) => c.scorer)).toEqual([...SCORER_NAMES]);
  });
});
