/** The emulator's catalogue of base models (Model resources as ListModels renders them). */

export interface ModelInfo {
  name: string;
  baseModelId: string;
  version: string;
  displayName: string;
  description: string;
  inputTokenLimit: number;
  outputTokenLimit: number;
  supportedGenerationMethods: string[];
  temperature: number;
  maxTemperature?: number;
  topP: number;
  topK?: number;
  thinking?: boolean;
}

export const BASE_TUNING_MODEL = 'models/gemini-1.5-flash-001-tuning';

export const MODELS: readonly ModelInfo[] = [
  {
    name: 'models/gemini-1.5-flash-001',
    baseModelId: 'gemini-1.5-flash',
    version: '001',
    displayName: 'Gemini 1.5 Flash 001',
    description: 'Fast and versatile multimodal model for scaling across diverse tasks',
    inputTokenLimit: 1000000,
    outputTokenLimit: 8192,
    supportedGenerationMethods: ['generateContent', 'countTokens', 'createCachedContent'],
    temperature: 1,
    maxTemperature: 2,
    topP: 0.95,
    topK: 64,
  },
  {
    name: BASE_TUNING_MODEL,
    baseModelId: 'gemini-1.5-flash',
    version: '001',
    displayName: 'Gemini 1.5 Flash 001 Tuning',
    description:
      'Version of Gemini 1.5 Flash that supports tuning, our fast and versatile multimodal model for scaling across diverse tasks, released in May of 2024.',
    inputTokenLimit: 16384,
    outputTokenLimit: 8192,
    supportedGenerationMethods: ['generateContent', 'countTokens', 'createTunedModel'],
    temperature: 1,
    maxTemperature: 2,
    topP: 0.95,
    topK: 64,
  },
  {
    name: 'models/gemini-2.0-flash',
    baseModelId: 'gemini-2.0-flash',
    version: '2.0',
    displayName: 'Gemini 2.0 Flash',
    description: 'Gemini 2.0 Flash',
    inputTokenLimit: 1048576,
    outputTokenLimit: 8192,
    supportedGenerationMethods: ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'],
    temperature: 1,
    maxTemperature: 2,
    topP: 0.95,
    topK: 40,
  },
  {
    name: 'models/gemini-2.5-flash',
    baseModelId: 'gemini-2.5-flash',
    version: '001',
    displayName: 'Gemini 2.5 Flash',
    description:
      'Stable version of Gemini 2.5 Flash, our mid-size multimodal model that supports up to 1 million tokens.',
    inputTokenLimit: 1048576,
    outputTokenLimit: 65536,
    supportedGenerationMethods: ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'],
    temperature: 1,
    maxTemperature: 2,
    topP: 0.95,
    topK: 64,
    thinking: true,
  },
  {
    name: 'models/gemini-3.5-flash',
    baseModelId: 'gemini-3.5-flash',
    version: '3.5',
    displayName: 'Gemini 3.5 Flash',
    description: 'Gemini 3.5 Flash (the judge model the action uses by default on the Gemini API).',
    inputTokenLimit: 1048576,
    outputTokenLimit: 65536,
    supportedGenerationMethods: ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'],
    temperature: 1,
    maxTemperature: 2,
    topP: 0.95,
    topK: 64,
    thinking: true,
  },
  {
    name: 'models/gemini-embedding-001',
    baseModelId: 'gemini-embedding-001',
    version: '001',
    displayName: 'Gemini Embedding 001',
    description: 'Obtain a distributed representation of a text.',
    inputTokenLimit: 2048,
    outputTokenLimit: 1,
    supportedGenerationMethods: ['embedContent', 'countTextTokens', 'countTokens', 'asyncBatchEmbedContent'],
    temperature: 0,
    topP: 0,
  },
  {
    name: 'models/text-embedding-004',
    baseModelId: 'text-embedding',
    version: '004',
    displayName: 'Text Embedding 004',
    description: 'Obtain a distributed representation of a text.',
    inputTokenLimit: 2048,
    outputTokenLimit: 1,
    supportedGenerationMethods: ['embedContent'],
    temperature: 0,
    topP: 0,
  },
];

/** The models the service lists: without the tuning model unless it offers tuning (see TrainingOptions.tunable). */
export function listedModels(tunable: boolean): readonly ModelInfo[] {
  return tunable ? MODELS : MODELS.filter((m) => m.name !== BASE_TUNING_MODEL);
}

export function findModel(name: string, tunable = true): ModelInfo | undefined {
  return listedModels(tunable).find((m) => m.name === name);
}

/** The Model resource as JSON (a copy; zero values omitted like proto3 JSON). */
export function renderModel(m: ModelInfo): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(m)) {
    if (v === undefined || v === 0 || v === '' || v === false) continue;
    out[k] = Array.isArray(v) ? [...(v as unknown[])] : v;
  }
  return out;
}
