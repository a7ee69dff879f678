/**
 * Issue 12, item 11: how a generateContent answer is read. Blocked answers say why, MAX_TOKENS
 * keeps the text, thought parts never count, and an answer with no text is an error, never "".
 */

import { describe, expect, it } from 'vitest';
import { EmptyAnswerError, readAnswer } from '../../../src/backends/generate-content.js';

const candidate = (parts: unknown[] | undefined, finishReason?: string) => ({
  candidates: [{ ...(parts ? { content: { role: 'model', parts } } : {}), ...(finishReason ? { finishReason } : {}) }],
});

describe('readAnswer', () => {
  it('an ordinary answer: the text of its parts', () => {
    expect(readAnswer(candidate([{ text: 'The next ' }, { text: 'number' }], 'STOP'))).toEqual({
      text: 'The next number',
      blocked: null,
      truncated: false,
    });
  });

  for (const reason of ['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII']) {
    it(`finishReason ${reason} is blocked, with or without text`, () => {
      expect(readAnswer(candidate(undefined, reason))).toEqual({ text: '', blocked: reason, truncated: false });
      expect(readAnswer(candidate([{ text: 'partial' }], reason))).toMatchObject({ text: 'partial', blocked: reason });
    });
  }

  it('promptFeedback.blockReason is blocked, with no candidates', () => {
    expect(readAnswer({ promptFeedback: { blockReason: 'OTHER' } })).toEqual({
      text: '',
      blocked: 'OTHER',
      truncated: false,
    });
  });

  it('MAX_TOKENS keeps the text and marks it truncated', () => {
    expect(readAnswer(candidate([{ text: 'The next num' }], 'MAX_TOKENS'))).toEqual({
      text: 'The next num',
      blocked: null,
      truncated: true,
    });
  });

  it('thought parts never count as output', () => {
    const parts = [{ text: 'Let me think: 42 + 1', thought: true }, { text: '43' }];
    expect(readAnswer(candidate(parts, 'STOP')).text).toBe('43');
  });

  it('no candidates, empty parts, only thoughts or a non-object body: an error, not ""', () => {
    const empties: unknown[] = [
      {},
      { candidates: [] },
      candidate(undefined, 'STOP'),
      candidate([], 'STOP'),
      candidate([{ text: '' }], 'STOP'),
      candidate([{ text: 'hmm', thought: true }], 'MAX_TOKENS'),
      null,
      'Created null',
      [],
    ];
    for (const body of empties) expect(() => readAnswer(body)).toThrow(EmptyAnswerError);
    expect(() => readAnswer(candidate([{ text: 'hmm', thought: true }], 'MAX_TOKENS'))).toThrow(
      /no text \(finishReason MAX_TOKENS\): the output token limit was reached/,
    );
  });
});

describe('token usage', () => {
  it('reads usageMetadata (prompt, output, thoughts), numbers or int64 strings; none: null', () => {
    const ok = { candidates: [{ content: { parts: [{ text: 'x' }] }, finishReason: 'STOP' }] };
    expect(
      readAnswer({ ...ok, usageMetadata: { promptTokenCount: 7, candidatesTokenCount: '3', thoughtsTokenCount: 12 } })
        .usage,
    ).toEqual({ prompt: 7, output: 3, thoughts: 12 });
    expect(readAnswer({ ...ok, usageMetadata: { promptTokenCount: -1 } }).usage).toEqual({
      prompt: null,
      output: null,
      thoughts: null,
    });
    expect(readAnswer(ok).usage).toBeUndefined();
  });
});
