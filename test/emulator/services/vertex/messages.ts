/**
 * Hand-written descriptors of the Vertex AI request messages the emulator parses
 * (google/cloud/aiplatform/v1beta1/tuning_job.proto, the superset of v1; content.proto).
 * Messages the emulator does not look into are typed 'any'.
 */
import type { MessageDesc } from '../../core/protojson.js';
import { enm, message, msg } from '../../core/protojson.js';
import { Content } from '../gemini/messages.js';

const P = 'google.cloud.aiplatform.v1beta1';

/** AdapterSize values in enum-number order (TWO = 6 was added last): a number n means ADAPTER_SIZES[n]. */
export const ADAPTER_SIZES = [
  'ADAPTER_SIZE_UNSPECIFIED',
  'ADAPTER_SIZE_ONE',
  'ADAPTER_SIZE_FOUR',
  'ADAPTER_SIZE_EIGHT',
  'ADAPTER_SIZE_SIXTEEN',
  'ADAPTER_SIZE_THIRTY_TWO',
  'ADAPTER_SIZE_TWO',
] as const;

export const JOB_STATES = [
  'JOB_STATE_UNSPECIFIED',
  'JOB_STATE_QUEUED',
  'JOB_STATE_PENDING',
  'JOB_STATE_RUNNING',
  'JOB_STATE_SUCCEEDED',
  'JOB_STATE_FAILED',
  'JOB_STATE_CANCELLING',
  'JOB_STATE_CANCELLED',
  'JOB_STATE_PAUSED',
  'JOB_STATE_EXPIRED',
  'JOB_STATE_UPDATING',
  'JOB_STATE_PARTIALLY_SUCCEEDED',
] as const;
export type JobState = (typeof JOB_STATES)[number];

export const SupervisedHyperParameters: MessageDesc = message(`${P}.SupervisedHyperParameters`, {
  epoch_count: 'int64',
  learning_rate_multiplier: 'double',
  learning_rate: 'double',
  adapter_size: enm(`${P}.SupervisedHyperParameters.AdapterSize`, ADAPTER_SIZES),
  batch_size: 'int64',
});

export const SupervisedTuningSpec: MessageDesc = message(`${P}.SupervisedTuningSpec`, {
  training_dataset_uri: 'string',
  validation_dataset_uri: 'string',
  hyper_parameters: msg(() => SupervisedHyperParameters),
  export_last_checkpoint_only: 'bool',
  evaluation_config: 'any',
  tuning_mode: enm(`${P}.SupervisedTuningSpec.TuningMode`, [
    'TUNING_MODE_UNSPECIFIED',
    'TUNING_MODE_FULL',
    'TUNING_MODE_PEFT_ADAPTER',
  ]),
});

export const TuningJob: MessageDesc = message(`${P}.TuningJob`, {
  base_model: { type: 'string', oneof: 'source_model' },
  pre_tuned_model: { type: 'any', oneof: 'source_model' },
  supervised_tuning_spec: { type: 'message', message: () => SupervisedTuningSpec, oneof: 'tuning_spec' },
  distillation_spec: { type: 'any', oneof: 'tuning_spec' },
  partner_model_tuning_spec: { type: 'any', oneof: 'tuning_spec' },
  veo_tuning_spec: { type: 'any', oneof: 'tuning_spec' },
  name: 'string',
  tuned_model_display_name: 'string',
  description: 'string',
  custom_base_model: 'string',
  state: enm(`${P}.JobState`, JOB_STATES),
  create_time: 'timestamp',
  start_time: 'timestamp',
  end_time: 'timestamp',
  update_time: 'timestamp',
  error: 'any',
  /** map<string, string>: checked by the service code */
  labels: 'any',
  experiment: 'string',
  tuned_model: 'any',
  tuning_data_stats: 'any',
  pipeline_job: 'string',
  encryption_spec: 'any',
  service_account: 'string',
  output_uri: 'string',
  evaluate_dataset_runs: 'any',
});

export const GenerateContentRequest: MessageDesc = message(`${P}.GenerateContentRequest`, {
  model: 'string',
  contents: msg(() => Content, { repeated: true }),
  system_instruction: msg(() => Content),
  cached_content: 'string',
  tools: { type: 'any', repeated: true },
  tool_config: 'any',
  labels: 'any',
  safety_settings: { type: 'any', repeated: true },
  model_armor_config: 'any',
  generation_config: 'any',
});
