// Placeholder: replaced by the post step.
import * as core from '@actions/core';

export async function runPost(): Promise<void> {
  core.info('gemini-tune post: nothing to do');
}
