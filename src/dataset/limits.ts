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
