/**
 * Request message descriptors for the Gemini API (google.ai.generativelanguage.v1beta), written
 * from protos/google_ai_generativelanguage_v1beta_tuned_model.proto and the OpenAPI schemas.
 * The conformance tests check these field lists against the OpenAPI document.
 */
import { enm, message, msg, oneof, rep } from '../../core/protojson.js';
import type { MessageDesc } from '../../core/protojson.js';

const P = 'google.ai.generativelanguage.v1beta';

export const TUNED_MODEL_STATES = ['STATE_UNSPECIFIED', 'CREATING', 'ACTIVE', 'FAILED'] as const;

export const TuningSnapshot: MessageDesc = message(`${P}.TuningSnapshot`, {
  step: 'int32',
  epoch: 'int32',
  mean_loss: 'float',
  compute_time: 'timestamp',
});

export const Hyperparameters: MessageDesc = message(`${P}.Hyperparameters`, {
  learning_rate: oneof('learning_rate_option', 'float'),
  learning_rate_multiplier: oneof('learning_rate_option', 'float'),
  epoch_count: 'int32',
  batch_size: 'int32',
});

export const TuningExample: MessageDesc = message(`${P}.TuningExample`, {
  text_input: oneof('model_input', 'string'),
  output: 'string',
});

export const TuningExamples: MessageDesc = message(`${P}.TuningExamples`, {
  examples: msg(() => TuningExample, { repeated: true }),
});

export const Dataset: MessageDesc = message(`${P}.Dataset`, {
  examples: msg(() => TuningExamples, { oneof: 'dataset' }),
});

export const TuningTask: MessageDesc = message(`${P}.TuningTask`, {
  start_time: 'timestamp',
  complete_time: 'timestamp',
  snapshots: msg(() => TuningSnapshot, { repeated: true }),
  training_data: msg(() => Dataset),
  hyperparameters: msg(() => Hyperparameters),
});

export const TunedModelSource: MessageDesc = message(`${P}.TunedModelSource`, {
  tuned_model: 'string',
  base_model: 'string',
});

export const TunedModel: MessageDesc = message(`${P}.TunedModel`, {
  tuned_model_source: msg(() => TunedModelSource, { oneof: 'source_model' }),
  base_model: { type: 'string', oneof: 'source_model' },
  name: 'string',
  display_name: 'string',
  description: 'string',
  temperature: 'float',
  top_p: 'float',
  top_k: 'int32',
  state: enm(`${P}.TunedModel.State`, TUNED_MODEL_STATES),
  create_time: 'timestamp',
  update_time: 'timestamp',
  tuning_task: msg(() => TuningTask),
  reader_project_numbers: rep('int64'),
});

export const Part: MessageDesc = message(`${P}.Part`, {
  text: oneof('data', 'string'),
  inline_data: { type: 'any', oneof: 'data' },
  function_call: { type: 'any', oneof: 'data' },
  function_response: { type: 'any', oneof: 'data' },
  file_data: { type: 'any', oneof: 'data' },
  executable_code: { type: 'any', oneof: 'data' },
  code_execution_result: { type: 'any', oneof: 'data' },
  tool_call: { type: 'any', oneof: 'data' },
  tool_response: { type: 'any', oneof: 'data' },
  video_metadata: 'any',
  thought: 'bool',
  thought_signature: 'bytes',
  part_metadata: 'any',
  media_resolution: 'any',
});

export const Content: MessageDesc = message(`${P}.Content`, {
  parts: msg(() => Part, { repeated: true }),
  role: 'string',
});

const HARM_CATEGORIES = [
  'HARM_CATEGORY_UNSPECIFIED',
  'HARM_CATEGORY_DEROGATORY',
  'HARM_CATEGORY_TOXICITY',
  'HARM_CATEGORY_VIOLENCE',
  'HARM_CATEGORY_SEXUAL',
  'HARM_CATEGORY_MEDICAL',
  'HARM_CATEGORY_DANGEROUS',
  'HARM_CATEGORY_HARASSMENT',
  'HARM_CATEGORY_HATE_SPEECH',
  'HARM_CATEGORY_SEXUALLY_EXPLICIT',
  'HARM_CATEGORY_DANGEROUS_CONTENT',
  'HARM_CATEGORY_CIVIC_INTEGRITY',
] as const;

const HARM_THRESHOLDS = [
  'HARM_BLOCK_THRESHOLD_UNSPECIFIED',
  'BLOCK_LOW_AND_ABOVE',
  'BLOCK_MEDIUM_AND_ABOVE',
  'BLOCK_ONLY_HIGH',
  'BLOCK_NONE',
  'OFF',
] as const;

export const SafetySetting: MessageDesc = message(`${P}.SafetySetting`, {
  category: enm(`${P}.HarmCategory`, HARM_CATEGORIES),
  threshold: enm(`${P}.SafetySetting.HarmBlockThreshold`, HARM_THRESHOLDS),
});

export const ThinkingConfig: MessageDesc = message(`${P}.ThinkingConfig`, {
  include_thoughts: 'bool',
  thinking_budget: 'int32',
  thinking_level: enm(`${P}.ThinkingConfig.ThinkingLevel`, [
    'THINKING_LEVEL_UNSPECIFIED',
    'MINIMAL',
    'LOW',
    'MEDIUM',
    'HIGH',
  ]),
});

export const GenerationConfig: MessageDesc = message(`${P}.GenerationConfig`, {
  candidate_count: 'int32',
  stop_sequences: rep('string'),
  max_output_tokens: 'int32',
  temperature: 'float',
  top_p: 'float',
  top_k: 'int32',
  seed: 'int32',
  response_mime_type: 'string',
  response_schema: 'any',
  response_json_schema: 'any',
  _response_json_schema: { type: 'any', json: '_responseJsonSchema' },
  presence_penalty: 'float',
  frequency_penalty: 'float',
  response_logprobs: 'bool',
  logprobs: 'int32',
  enable_enhanced_civic_answers: 'bool',
  response_modalities: rep('string'),
  speech_config: 'any',
  thinking_config: msg(() => ThinkingConfig),
  image_config: 'any',
  media_resolution: 'string',
  translation_config: 'any',
  response_format: 'any',
});

export const GenerateContentRequest: MessageDesc = message(`${P}.GenerateContentRequest`, {
  model: 'string',
  system_instruction: msg(() => Content),
  contents: msg(() => Content, { repeated: true }),
  tools: rep('any'),
  tool_config: 'any',
  safety_settings: msg(() => SafetySetting, { repeated: true }),
  generation_config: msg(() => GenerationConfig),
  cached_content: 'string',
  store: 'bool',
  service_tier: enm(`${P}.GenerateContentRequest.ServiceTier`, ['unspecified', 'standard', 'flex', 'priority']),
});

/** Fields of TunedModel a PATCH's updateMask may name (proto paths, snake_case). */
export const UPDATABLE_TUNED_MODEL_FIELDS = [
  'display_name',
  'description',
  'temperature',
  'top_p',
  'top_k',
  'reader_project_numbers',
] as const;
