/** The Vertex AI model catalog (INTERFACE "The model catalog", v2.1): retirement, tuning closing, regions. */

import { describe, expect, it } from 'vitest';
import {
  VERTEX_CATALOG,
  VERTEX_DEFAULT_MODEL,
  catalogId,
  checkBaseModel,
  servingLocation,
} from '../../../src/backends/model-catalog.js';
import { DEFAULT_BASE_MODEL } from '../../../src/backends/defaults.js';

const TODAY = Date.parse('2026-12-06T12:00:00Z');

describe('the model catalog', () => {
  it('defaults to gemini-3.5-flash, which it can tune in us-central1 and europe-west4', () => {
    expect(VERTEX_DEFAULT_MODEL).toBe('gemini-3.5-flash');
    expect(DEFAULT_BASE_MODEL['vertex-ai']).toBe('gemini-3.5-flash');
    for (const location of ['us-central1', 'europe-west4']) {
      expect(checkBaseModel('gemini-3.5-flash', location, TODAY).kind).toBe('ok');
    }
    expect(servingLocation('gemini-3.5-flash', 'us-central1')).toBe('us');
    expect(servingLocation('gemini-3.5-flash-lite', 'europe-west4')).toBe('eu');
  });

  it('every entry names its source', () => {
    for (const m of VERTEX_CATALOG) expect(m.source).toMatch(/read \d{4}-\d{2}-\d{2}/);
  });

  it('a retired model is an error naming the date and the successor', () => {
    const v = checkBaseModel('gemini-2.5-flash', 'us-central1', TODAY);
    expect(v).toEqual({
      kind: 'error',
      message:
        'base-model "gemini-2.5-flash" was retired on 2026-10-16 (tuning closed about a month earlier); use gemini-3.5-flash instead (base-model: gemini-3.5-flash)',
    });
    expect(checkBaseModel('gemini-2.5-flash-lite', 'us-central1', TODAY)).toMatchObject({
      kind: 'error',
      message: expect.stringContaining('use gemini-3.5-flash-lite instead'),
    });
  });

  it('a model retired without a confirmed date says "retired" without one', () => {
    const v = checkBaseModel('gemini-2.0-flash-001', 'us-central1', TODAY);
    expect(v.kind).toBe('error');
    expect(v.kind === 'error' && v.message).toBe(
      'base-model "gemini-2.0-flash-001" is retired and can no longer be tuned on Vertex AI; use gemini-3.5-flash instead (base-model: gemini-3.5-flash)',
    );
    // Other versions of a retired family, and full resource names, too.
    expect(checkBaseModel('gemini-2.5-flash-preview-05-20', 'us-central1', TODAY).kind).toBe('error');
    expect(checkBaseModel('publishers/google/models/gemini-2.5-pro', 'us-central1', TODAY).kind).toBe('error');
  });

  it('tuning closes a month before retirement; within 30 days of that, a warning', () => {
    expect(checkBaseModel('gemini-2.5-flash', 'us-central1', Date.parse('2026-09-20T00:00:00Z'))).toMatchObject({
      kind: 'error',
      message: expect.stringContaining(
        'can no longer be tuned: tuning closed about a month before its retirement on 2026-10-16',
      ),
    });
    expect(checkBaseModel('gemini-2.5-flash', 'us-central1', Date.parse('2026-09-01T00:00:00Z'))).toMatchObject({
      kind: 'warning',
      message: expect.stringContaining(
        'retires on 2026-10-16 and tuning closes about a month before (around 2026-09-16)',
      ),
    });
  });

  it('a region where the model is not tuned is an error naming the regions', () => {
    expect(checkBaseModel('gemini-3.5-flash', 'asia-northeast1', TODAY)).toEqual({
      kind: 'error',
      message:
        'base-model "gemini-3.5-flash" is tuned only in us-central1 and europe-west4, not in "asia-northeast1": set location: us-central1',
    });
  });

  it('a model it does not know goes to the service as given, with a notice', () => {
    expect(checkBaseModel('gemini-4-flash', 'us-central1', TODAY)).toMatchObject({
      kind: 'unknown',
      message: expect.stringContaining("is not in the action's model catalog: it is sent to Vertex AI as given"),
    });
    expect(catalogId('projects/p/locations/us-central1/publishers/google/models/gemini-3.5-flash')).toBe(
      'gemini-3.5-flash',
    );
  });
});
