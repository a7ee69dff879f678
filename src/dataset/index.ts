export {
  DatasetAnalyzer,
  GEMINI_MAX_REQUEST_BYTES,
  VERTEX_MAX_TOKENS_PER_EXAMPLE,
  VERTEX_MAX_VALIDATION_EXAMPLES,
} from './analysis.js';
export { annotateProblems } from './annotate.js';
export {
  canonicalJson,
  CONTENT_KEY_VERSION,
  contentKey,
  digestText,
  ExamplesDigest,
  examplesDigest,
  tunedModelIdFor,
} from './content-key.js';
export type { DatasetFinding, FindingKind } from './doctor.js';
export { compileScorerRegex, loadEvalSet, SCORERS } from './load-eval.js';
export {
  GEMINI_MAX_INPUT_CHARS,
  GEMINI_MAX_OUTPUT_CHARS,
  loadTrainingSet,
  MIN_RECOMMENDED_EXAMPLES,
  VERTEX_MAX_FILE_BYTES,
} from './load-training.js';
export type { DatasetStats, Distribution, FieldStats } from './stats.js';
export { canonicalLine, toVertexJsonl, toVertexRecord, vertexJsonlChunks } from './to-vertex-jsonl.js';
export type { NativeRecord, NativeTurn, TextPart } from './to-vertex-jsonl.js';
export type { DatasetFormat, DatasetProblem, EvalCase, LoadedDataset, ScorerName, TrainingExample } from './types.js';
