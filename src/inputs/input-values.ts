/**
 * How each kind of input value is read: a raw string in, the value out, or `fail` with what is
 * allowed (the schema in ./settings.ts names the input).
 */

export const RESUME_PATTERNS = [
  /^tunedModels\/[a-z0-9-]+\/operations\/[A-Za-z0-9_-]+$/,
  /^tunedModels\/[a-z0-9-]+$/,
  /^projects\/[^/]+\/locations\/[^/]+\/tuningJobs\/[0-9A-Za-z_-]+$/,
];

export const positiveInteger = (value: string, fail: (allowed: string) => never): number =>
  /^[0-9]+$/.test(value) && Number(value) >= 1 && Number.isSafeInteger(Number(value))
    ? Number(value)
    : fail('must be a positive integer');

export const nonNegativeInteger = (value: string, fail: (allowed: string) => never): number =>
  /^[0-9]+$/.test(value) && Number.isSafeInteger(Number(value))
    ? Number(value)
    : fail('must be a whole number (0 or more)');

export const positiveNumber = (value: string, fail: (allowed: string) => never): number => {
  const n = Number(value);
  return /^[0-9.eE+-]+$/.test(value) && Number.isFinite(n) && n > 0 ? n : fail('must be a positive number');
};

export const fraction = (value: string, fail: (allowed: string) => never): number => {
  const n = Number(value);
  return /^[0-9.eE+-]+$/.test(value) && Number.isFinite(n) && n >= 0 && n <= 1
    ? n
    : fail('must be a number from 0 to 1 (e.g. 0.8 for 80%)');
};

export const nonNegativeNumber = (value: string, fail: (allowed: string) => never): number => {
  const n = Number(value);
  return /^[0-9.eE+-]+$/.test(value) && Number.isFinite(n) && n >= 0 ? n : fail('must be a number of 0 or more');
};

export const temperature = (value: string, fail: (allowed: string) => never): number => {
  const n = Number(value);
  return /^[0-9.eE+-]+$/.test(value) && Number.isFinite(n) && n >= 0 && n <= 2
    ? n
    : fail('must be a number from 0 to 2 (Gemini 3 models: above 0)');
};

export const THINKING_LEVELS = ['minimal', 'low', 'medium', 'high'] as const;
export type Thinking = { thinkingLevel: (typeof THINKING_LEVELS)[number] } | { thinkingBudget: number };
export const thinking = (value: string, fail: (allowed: string) => never): Thinking => {
  const level = THINKING_LEVELS.find((l) => l === value.toLowerCase());
  if (level) return { thinkingLevel: level };
  if (/^[0-9]+$/.test(value) && Number.isSafeInteger(Number(value))) return { thinkingBudget: Number(value) };
  return fail('must be minimal, low, medium or high, or a whole number of thinking tokens (0 = off)');
};

export const boolean = (value: string, fail: (allowed: string) => never): boolean => {
  // The same spellings as @actions/core's getBooleanInput (YAML 1.2 core schema).
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  return fail('must be true or false');
};

export const oneOf =
  <T extends string>(allowed: readonly T[]) =>
  (value: string, fail: (allowed: string) => never): T =>
    (allowed as readonly string[]).includes(value)
      ? (value as T)
      : fail(`must be one of ${allowed.map((a) => `"${a}"`).join(', ')}`);

export const text = (value: string): string => value;

export const url = (value: string, fail: (allowed: string) => never): string => {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return fail('must be an absolute http(s) URL such as https://private.googleapis.example');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return fail('must be an absolute http(s) URL such as https://private.googleapis.example');
  }
  if (parsed.search || parsed.hash || parsed.username || parsed.password) {
    return fail('must be a base URL without query, fragment or credentials');
  }
  return value.replace(/\/+$/, '');
};

export const gcsUri = (value: string, fail: (allowed: string) => never): string =>
  /^gs:\/\/[a-z0-9][a-z0-9._-]{1,220}[a-z0-9](\/.*)?$/.test(value)
    ? value.replace(/\/+$/, '')
    : fail('must be a Cloud Storage URI such as gs://my-bucket/tuning');

export const resumeName = (value: string, fail: (allowed: string) => never): string =>
  RESUME_PATTERNS.some((p) => p.test(value))
    ? value
    : fail(
        'must be an operation (tunedModels/ID/operations/OP), a tuned model (tunedModels/ID) ' +
          'or a Vertex AI tuning job (projects/P/locations/L/tuningJobs/ID)',
      );
