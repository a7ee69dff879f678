import { describe, expect, it } from 'vitest';
import { decodeRecord, encodeRecord, RECORD_MAX_BYTES, type RunRecord } from '../../../src/finish/record.js';
import { parseCases, serializeCases } from '../../../src/finish/stored-eval.js';
import type { EvalCase } from '../../../src/domain.js';
import { recordedSettings } from '../../helpers/run-record.js';

const record = (over: Partial<RunRecord> = {}): RunRecord => ({
  version: 1,
  job: 'projects/123/locations/us-central1/tuningJobs/456',
  headSha: 'a'.repeat(40),
  startedByUs: true,
  evalSet: { uri: `gs://bkt/ci/eval/${'b'.repeat(64)}.jsonl`, sha256: 'b'.repeat(64), cases: 2 },
  settings: recordedSettings({
    evalSystemInstruction: 'answer -- briefly --> now',
    minPassRate: 0.5,
    hyperparameters: {
      epochCount: 2,
      batchSize: null,
      learningRate: null,
      learningRateMultiplier: null,
      adapterSize: null,
    },
  }),
  report: {
    baseModel: 'gemini-3.5-flash',
    displayName: 'x',
    contentKey: 'c'.repeat(64),
    cacheHit: false,
    dataset: null,
    cost: null,
    runLabel: '1-1',
    runUrl: null,
    sourceUrl: null,
    startedAt: '2026-12-07T00:00:00.000Z',
    timings: { dataset: 0.1 },
  },
  ...over,
});

describe('the run record', () => {
  it('round-trips, with no "--" inside the HTML comment', () => {
    const text = encodeRecord(record())!;
    const inner = text.slice('<!-- '.length, -' -->'.length);
    expect(inner).not.toContain('--');
    expect(decodeRecord(`<!-- gemini-tune:k -->\n${text}\nbody`)).toEqual(record());
  });

  it('is cut to 8 KB by dropping the dataset details first; what finish acts on stays', () => {
    const findings = Array.from({ length: 200 }, (_v, i) => ({
      kind: 'duplicate',
      file: 'a',
      message: `m${i}`.repeat(5),
      examples: [i],
      count: 1,
    }));
    const big = record({
      report: { ...record().report, dataset: { path: 'a', examples: 1, warnings: [], findings } as never },
    });
    const text = encodeRecord(big)!;
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(RECORD_MAX_BYTES + 40);
    const back = decodeRecord(text)!;
    expect(back.job).toBe(big.job);
    expect((back.report.dataset as { findings: unknown[] }).findings).toEqual([]);
  });

  it('refuses a record that is not one: a job name of the wrong shape, a bad SHA, broken JSON', () => {
    const tampered = encodeRecord(record())!.replace('tuningJobs/456', 'tuningJobs/../../x');
    expect(() => decodeRecord(tampered)).toThrow(/not valid: job/);
    expect(() => decodeRecord(encodeRecord(record({ headSha: 'zz' }))!)).toThrow(/headSha/);
    expect(() => decodeRecord('<!-- gemini-tune-record:v1 {"a": -->')).toThrow(/not valid JSON/);
    expect(decodeRecord('<!-- gemini-tune:k -->\nno record')).toBeNull();
  });
});

describe('the stored eval set', () => {
  const cases: EvalCase[] = [
    { id: 'a', input: '1', expected: '2', scorer: 'exact', line: 1 },
    { id: 'b', input: 'x', expected: null, scorer: null, system: 's', turns: [{ role: 'user', text: 'hi' }], line: 2 },
  ];
  it('comes back as it went, and only with the bytes its digest names', () => {
    const { bytes, sha256 } = serializeCases(cases);
    expect(parseCases(bytes, sha256)).toEqual(cases);
    const other = Buffer.from(bytes.toString('utf8').replace('"2"', '"3"'));
    expect(() => parseCases(other, sha256)).toThrow(/does not match its recorded SHA-256/);
  });
});
