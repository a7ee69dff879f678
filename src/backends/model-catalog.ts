/**
 * The Gemini models that Vertex AI tunes, as Google documents them: Vertex AI's publisher models
 * do not say whether they can be tuned, so the action carries the facts (which models support
 * supervised tuning, where they are tuned, where their tuned models are served, when they retire
 * and what replaces them). Every fact names where it was read; re-check them there before a
 * release (the project's copy: ../shared/specs/model-catalog-2026-12.md).
 *
 * Sources (stored copies, read 2026-12-03 unless said otherwise):
 *  [tuning]   Vertex AI "tuning" reference, reference/models/tuning: supported models, the
 *             regions where they are tuned, where tuned models are served, GA dates, CMEK limits.
 *  [sft-3]    the supervised-tuning page for Gemini 3.x (zh-CN copy): the same regions and the
 *             `us` / `eu` serving multi-regions; the lowest thinking setting advised for tuned models.
 *  [versions] models/model-versions: retirement dates; tuning closes one month before retirement.
 *
 * Pure data and pure checks: no I/O, the date is passed in.
 */

export interface CatalogModel {
  /** The model id as a base model names it, e.g. `gemini-3.5-flash`. */
  id: string;
  /** Whether a supervised tuning job can be created on it today. */
  tunable: boolean;
  /** Regions where it is tuned. [tuning], [sft-3] */
  tunedIn: readonly string[];
  /** Where its tuned models are served, per tuning region. [tuning], [sft-3] */
  servedFrom: Readonly<Record<string, string>>;
  /** GA date (YYYY-MM-DD), when documented. [tuning] */
  ga: string | null;
  /** Retirement date (YYYY-MM-DD); 'retired' when it is retired without a confirmed date; null: none announced. [versions] */
  retirement: string | null;
  /** The model Google recommends instead. */
  successor: string | null;
  /** Where the facts above were read. */
  source: string;
}

const TUNED_IN_3X = ['us-central1', 'europe-west4'] as const;
const SERVED_3X = { 'us-central1': 'us', 'europe-west4': 'eu' } as const;

/** The models, newest first. The first is the default base model on Vertex AI. */
export const VERTEX_CATALOG: readonly CatalogModel[] = [
  {
    id: 'gemini-3.5-flash',
    tunable: true,
    tunedIn: TUNED_IN_3X,
    servedFrom: SERVED_3X,
    ga: '2026-05-19',
    retirement: null,
    successor: null,
    source: '[tuning] and [sft-3], read 2026-12-03',
  },
  {
    id: 'gemini-3.5-flash-lite',
    tunable: true,
    tunedIn: TUNED_IN_3X,
    servedFrom: SERVED_3X,
    ga: '2026-07-21',
    retirement: null,
    successor: null,
    source: '[tuning] and [sft-3], read 2026-12-03',
  },
  {
    id: 'gemini-3.1-flash-lite',
    tunable: true, // without CMEK [tuning]
    tunedIn: TUNED_IN_3X,
    servedFrom: SERVED_3X,
    ga: '2026-05-07',
    retirement: null,
    successor: 'gemini-3.5-flash-lite',
    source: '[tuning] and [sft-3], read 2026-12-03',
  },
  ...['gemini-2.5-flash', 'gemini-2.5-pro'].map((id) => retired(id, '2026-10-16', 'gemini-3.5-flash')),
  retired('gemini-2.5-flash-lite', '2026-10-16', 'gemini-3.5-flash-lite'),
  // Vertex AI's own date is not confirmed (an older copy of [versions] says February 2026; the
  // Gemini API shut 2.0 Flash down on 2026-06-01): "retired", no date.
  retired('gemini-2.0-flash-001', 'retired', 'gemini-3.5-flash'),
  retired('gemini-2.0-flash-lite-001', 'retired', 'gemini-3.5-flash-lite'),
  retired('gemini-1.5-pro-002', 'retired', 'gemini-3.5-flash'),
  retired('gemini-1.5-flash-002', 'retired', 'gemini-3.5-flash'),
];

function retired(id: string, retirement: string, successor: string): CatalogModel {
  return {
    id,
    tunable: false,
    tunedIn: [],
    servedFrom: {},
    ga: null,
    retirement,
    successor,
    source: '[versions], read 2026-12-03',
  };
}

/**
 * Whether a base model names a tuned Vertex AI Model, `projects/P/locations/L/models/M` with an
 * optional `@VERSION` or `@ALIAS`: continuous tuning, which the catalog does not judge.
 */
export function isTunedModel(baseModel: string): boolean {
  return /^projects\/[^/]+\/locations\/[^/]+\/models\/[^/@]+(@[A-Za-z0-9_-]+)?$/.test(baseModel);
}

/** The default base model on Vertex AI (INTERFACE v2.1). */
export const VERTEX_DEFAULT_MODEL = 'gemini-3.5-flash';

/** Google closes tuning about a month before a model retires. [versions] */
const TUNING_CLOSES_DAYS_BEFORE = 30;
/** A model whose tuning closes within this many days is a warning. */
const WARN_DAYS = 30;
const DAY_MS = 86_400_000;

/** `gemini-3.5-flash`, `publishers/google/models/gemini-3.5-flash` or the full resource name, to the id. */
export function catalogId(baseModel: string): string {
  const m = /^(?:projects\/[^/]+\/locations\/[^/]+\/)?publishers\/google\/models\/([^/@]+)$/.exec(baseModel);
  return m?.[1] ?? baseModel;
}

export function findModel(baseModel: string): CatalogModel | null {
  const id = catalogId(baseModel);
  const exact = VERTEX_CATALOG.find((m) => m.id === id);
  if (exact) return exact;
  // Any other 1.5 / 2.0 / 2.5 version (e.g. gemini-2.5-flash-preview-05-20): the family's fate.
  const family = /^(gemini-(?:1\.5|2\.0|2\.5)-(?:flash-lite|flash|pro))\b/.exec(id)?.[1];
  if (!family) return null;
  return VERTEX_CATALOG.find((m) => m.id === family || m.id === `${family}-001` || m.id === `${family}-002`) ?? null;
}

export type CatalogVerdict =
  | { kind: 'ok'; model: CatalogModel }
  | { kind: 'warning'; model: CatalogModel; message: string }
  | { kind: 'unknown'; message: string }
  | { kind: 'error'; message: string };

/**
 * What the catalog says of tuning `baseModel` in `location` on `today` (ms since the epoch):
 * retired or closed to tuning → error naming the date and the successor; a region where it is not
 * tuned → error naming the regions; tuning closing within 30 days → warning; not in the catalog →
 * sent as given, with a notice.
 */
export function checkBaseModel(baseModel: string, location: string, today: number): CatalogVerdict {
  const model = findModel(baseModel);
  const shown = `base-model "${baseModel}"`;
  if (!model) {
    return {
      kind: 'unknown',
      message: `${shown} is not in the action's model catalog: it is sent to Vertex AI as given (the catalog knows ${VERTEX_CATALOG.filter(
        (m) => m.tunable,
      )
        .map((m) => m.id)
        .join(', ')})`,
    };
  }
  const instead = model.successor ? `; use ${model.successor} instead (base-model: ${model.successor})` : '';
  if (model.retirement === 'retired') {
    return { kind: 'error', message: `${shown} is retired and can no longer be tuned on Vertex AI${instead}` };
  }
  if (model.retirement !== null) {
    const retires = Date.parse(`${model.retirement}T00:00:00Z`);
    const closes = retires - TUNING_CLOSES_DAYS_BEFORE * DAY_MS;
    if (today >= retires) {
      return {
        kind: 'error',
        message: `${shown} was retired on ${model.retirement} (tuning closed about a month earlier)${instead}`,
      };
    }
    if (today >= closes) {
      return {
        kind: 'error',
        message: `${shown} can no longer be tuned: tuning closed about a month before its retirement on ${model.retirement}${instead}`,
      };
    }
    if (today >= closes - WARN_DAYS * DAY_MS) {
      return {
        kind: 'warning',
        model,
        message: `${shown} retires on ${model.retirement} and tuning closes about a month before (around ${isoDate(closes)})${instead}`,
      };
    }
  }
  if (!model.tunable) return { kind: 'error', message: `${shown} does not support supervised tuning${instead}` };
  if (!model.tunedIn.includes(location)) {
    return {
      kind: 'error',
      message: `${shown} is tuned only in ${model.tunedIn.join(' and ')}, not in "${location}": set location: ${model.tunedIn[0] ?? 'us-central1'}`,
    };
  }
  return { kind: 'ok', model };
}

/** Where the tuned models of a job in `location` are served (Gemini 3.x: `us` / `eu`), when the catalog says. */
export function servingLocation(baseModel: string, location: string): string | null {
  return findModel(baseModel)?.servedFrom[location] ?? null;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Where tuned models of jobs run in `location` may be served (Gemini 3.x: its `us`/`eu` multi-region), the region itself first. */
export function lifecycleLocations(location: string): string[] {
  const served = VERTEX_CATALOG.map((m) => m.servedFrom[location]).filter((l): l is string => Boolean(l));
  return [...new Set([location, ...served])];
}
