/** Read, merge, write: the service replaces the whole map (decision 8), so every change starts from what is there. */

import type { ModelLifecycle } from '../backends/backend.js';

/** Adds `key=value` to the model's marks; false when it was there already (nothing written). */
export async function addMark(lifecycle: ModelLifecycle, model: string, key: string, value: string): Promise<boolean> {
  const marks = await lifecycle.marks(model);
  if (marks[key] === value) return false;
  await lifecycle.setMarks(model, { ...marks, [key]: value });
  return true;
}

/** Removes `keys` from the model's marks; returns the marks left (unchanged when none was there). */
export async function removeMarks(
  lifecycle: ModelLifecycle,
  model: string,
  keys: readonly string[],
): Promise<Record<string, string>> {
  const marks = await lifecycle.marks(model);
  if (!keys.some((k) => k in marks)) return marks;
  const left = Object.fromEntries(Object.entries(marks).filter(([k]) => !keys.includes(k)));
  await lifecycle.setMarks(model, left);
  return left;
}
