/** Where Vertex AI datasets are staged in Cloud Storage, from the `staging-uri` input. */

import { parseGsUri } from './gcs-upload.js';

/** The folder used when `staging-uri` names a bare bucket (`gs://bucket`), so the bucket's root stays clean. */
export const DEFAULT_STAGING_PREFIX = 'gemini-tune';

/**
 * `PREFIX/KEY/KIND.jsonl`, directly under the prefix the user gave (`gs://b/runs` →
 * `runs/KEY/training.jsonl`; the prefix is not repeated, nor a folder of ours added under it); a
 * bare bucket gets DEFAULT_STAGING_PREFIX. Empty path segments (`gs://b//x/`) are dropped.
 */
export function stagingObject(
  stagingUri: string,
  key: string,
  kind: 'training' | 'validation' | 'eval',
): { bucket: string; object: string; uri: string } {
  return stagedAt(stagingUri, `${key}/${kind}.jsonl`);
}

/** `PREFIX/eval/<sha256>.jsonl`: a job's eval set, stored for `mode: finish` (decision 11). */
export function stagedEvalObject(stagingUri: string, sha256: string): { bucket: string; object: string; uri: string } {
  return stagedAt(stagingUri, `eval/${sha256}.jsonl`);
}

function stagedAt(stagingUri: string, path: string): { bucket: string; object: string; uri: string } {
  const { bucket, prefix } = parseGsUri(stagingUri);
  const folder = prefix.split('/').filter(Boolean).join('/') || DEFAULT_STAGING_PREFIX;
  const object = `${folder}/${path}`;
  return { bucket, object, uri: `gs://${bucket}/${object}` };
}
