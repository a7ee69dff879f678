/**
 * Limits of the services on a dataset as a whole, shared by the loader (which checks them before
 * anything is sent) and the backends (which check the request they build), without the backends
 * depending on the dataset analysis.
 */

/**
 * The Gemini API takes the examples inline in the tunedModels.create request. Google's tuning
 * guide gives a 4 MB limit on that data; we hold the whole serialized request body to 4 MiB
 * (the service's default maximum request message, 4,194,304 bytes).
 */
export const GEMINI_MAX_REQUEST_BYTES = 4 * 1024 * 1024;
/** Kept free in the request for everything but the examples (names, hyperparameters). */
export const GEMINI_REQUEST_RESERVE_BYTES = 2048;
/** Vertex AI: most validation examples per tuning job. */
export const VERTEX_MAX_VALIDATION_EXAMPLES = 5000;
/** Vertex AI: most tokens per example (input and output together) for the Gemini 2.x tuning models. */
export const VERTEX_MAX_TOKENS_PER_EXAMPLE = 131_072;

/**
 * Largest record (one line of a .jsonl file, one CSV row) read from a dataset, in bytes: a longer
 * one is an error at its line, skipped while streaming and never held whole, so that reading any
 * file takes bounded memory.
 *
 * Gemini API: one example cannot be larger than the request that carries every example.
 */
export const GEMINI_MAX_RECORD_BYTES = GEMINI_MAX_REQUEST_BYTES;
/**
 * Vertex AI: an example holds at most VERTEX_MAX_TOKENS_PER_EXAMPLE tokens; 64 bytes a token
 * (8 MiB in all) leaves room for long tokens, 4-byte UTF-8 characters and JSON escapes.
 */
export const VERTEX_MAX_RECORD_BYTES = VERTEX_MAX_TOKENS_PER_EXAMPLE * 64;
/**
 * Eval cases: each is one generateContent prompt to a tuned model, whose input window (at most
 * about a million tokens, a few MB of text) is far below this.
 */
export const EVAL_MAX_RECORD_BYTES = 8 * 1024 * 1024;
/**
 * Largest .json file (a single document, parsed whole: the text and the parsed values take
 * several times its size). A larger set is written as .jsonl, which is streamed.
 */
export const MAX_JSON_FILE_BYTES = 32 * 1024 * 1024;
