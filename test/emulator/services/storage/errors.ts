/**
 * Cloud Storage JSON API errors: `{"error": {"code", "message", "errors": [{"message", "domain",
 * "reason"}]}}` (the older shape, no `status` field).
 */
import { ApiError, codeForHttpStatus } from '../../core/status.js';

export class GcsError extends ApiError {
  constructor(
    httpStatus: number,
    readonly reason: string,
    message: string,
    headers: Record<string, string> = {},
  ) {
    super(codeForHttpStatus(httpStatus), message, [], { httpStatus, headers });
  }

  override toStatusJson(): Record<string, unknown> {
    return {
      code: this.httpStatus,
      message: this.message,
      errors: [{ message: this.message, domain: 'global', reason: this.reason }],
    };
  }
}

export const gcs = {
  notFoundObject: (bucket: string, name: string): GcsError =>
    new GcsError(404, 'notFound', `No such object: ${bucket}/${name}`),
  notFoundBucket: (): GcsError => new GcsError(404, 'notFound', 'The specified bucket does not exist.'),
  required: (what: string): GcsError => new GcsError(400, 'required', `Required parameter: ${what}`),
  invalid: (message: string): GcsError => new GcsError(400, 'invalid', message),
  precondition: (): GcsError =>
    new GcsError(412, 'conditionNotMet', 'At least one of the pre-conditions you specified did not hold.'),
};
