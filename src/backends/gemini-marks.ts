/**
 * The Gemini API's tuned models after tuning (cleanup and promote): it has no labels, so the marks
 * live at the end of the tuned model's `description` (`tunedModels.patch?updateMask=description`),
 * found again by listing the tuned models; removal is `tunedModels.delete` (404: already gone).
 */

import * as z from 'zod/mini';
import { EMPTY, opt, type Answer } from './answers.js';
import type { ModelLifecycle } from './backend.js';
import { GoogleApiError } from './errors.js';
import type { GoogleHttp } from './http.js';
import { describeWithMarks, marksInDescription, REPO_MARK } from '../lifecycle/marks.js';

const MODEL = z.looseObject({ name: z.string(), description: opt(z.string()) });
const LIST = z.looseObject({ tunedModels: opt(z.array(MODEL)), nextPageToken: opt(z.string()) });
const answer = (kind: string, schema: z.ZodMiniType): Answer => ({ kind, schema });

export class GeminiMarks implements ModelLifecycle {
  constructor(
    private readonly http: GoogleHttp,
    private readonly url: (path: string, query?: Record<string, string>) => string,
  ) {}

  private async description(model: string): Promise<string> {
    const m = await this.http.json<z.infer<typeof MODEL>>({
      method: 'GET',
      url: this.url(model),
      what: 'tunedModels.get',
      answer: answer('TunedModel', MODEL),
    });
    return m.description ?? '';
  }

  async marks(model: string): Promise<Record<string, string>> {
    return marksInDescription(await this.description(model));
  }

  async usage(model: string): Promise<{ marks: Record<string, string>; aliases: string[] }> {
    return { marks: await this.marks(model), aliases: [] };
  }

  async setMarks(model: string, marks: Record<string, string>): Promise<void> {
    const description = describeWithMarks(await this.description(model), marks);
    await this.http.json({
      method: 'PATCH',
      url: this.url(model, { updateMask: 'description' }),
      body: { description },
      idempotent: true,
      what: 'tunedModels.patch (description)',
      answer: answer('TunedModel', MODEL),
    });
  }

  async findMarked(repository: string, key: string, value?: string): Promise<string[]> {
    const found: string[] = [];
    let pageToken = '';
    do {
      const page = await this.http.json<z.infer<typeof LIST>>({
        method: 'GET',
        url: this.url('tunedModels', { pageSize: '1000', ...(pageToken ? { pageToken } : {}) }),
        what: 'tunedModels.list',
        answer: answer('ListTunedModelsResponse', LIST),
      });
      for (const m of page.tunedModels ?? []) {
        const marks = marksInDescription(m.description ?? '');
        if (marks[REPO_MARK] === repository && key in marks && (value === undefined || marks[key] === value)) {
          found.push(m.name);
        }
      }
      pageToken = page.nextPageToken ?? '';
    } while (pageToken);
    return found;
  }

  async remove(model: string): Promise<string[]> {
    try {
      await this.http.json({ method: 'DELETE', url: this.url(model), what: 'tunedModels.delete', answer: EMPTY });
      return [model];
    } catch (err) {
      if (err instanceof GoogleApiError && err.httpStatus === 404) return [];
      throw err;
    }
  }
}
