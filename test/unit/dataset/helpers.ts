import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURES = 'test/fixtures/datasets';

/** A throwaway workspace directory; files are written byte-exact. */
export class TempWorkspace {
  readonly dir = mkdtempSync(path.join(tmpdir(), 'gt-dataset-'));

  write(name: string, content: string | Uint8Array): string {
    const full = path.join(this.dir, name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
    return name;
  }

  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export function lines(...records: unknown[]): string {
  return records.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n';
}

/** n distinct valid JSONL examples. */
export function validJsonl(n: number): string {
  return lines(...Array.from({ length: n }, (_, i) => ({ text_input: `q${i}`, output: `a${i}` })));
}
