export { annotateProblems } from './annotate.js';
export { canonicalJson, CONTENT_KEY_VERSION, contentKey, tunedModelIdFor } from './content-key.js';
export { compileScorerRegex, loadEvalSet, SCORERS } from './load-eval.js';
export {
  GEMINI_MAX_INPUT_CHARS,
  GEMINI_MAX_OUTPUT_CHARS,
  loadTrainingSet,
  MIN_RECOMMENDED_EXAMPLES,
  VERTEX_MAX_FILE_BYTES,
} from './load-training.js';
export type { DatasetFormat, DatasetProblem, EvalCase, LoadedDataset, ScorerName, TrainingExample } from './types.js';
