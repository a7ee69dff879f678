// Placeholder: replaced by the pipeline orchestration.
import * as core from '@actions/core';

export async function run(): Promise<void> {
  core.info('gemini-tune: not implemented yet');
}
